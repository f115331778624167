#pragma once
// What a scenario script says of the network (`network: {links, regions,
// store_rtt, replica_delay}` and the link faults of its phases), read and checked with the
// script's own field reader.
#include <string>
#include <vector>

#include "scenarios/field_reader.hpp"
#include "scenarios/scenario_network.hpp"

namespace revbench::scenarios {

class NetworkParser {
 public:
  explicit NetworkParser(const FieldReader& read) : read_(read) {}

  // `network:` of a script that has `instances` instances; its faults come later, one at a time.
  ScenarioNetwork network(const YAML::Node& node, int instances) const;
  // `{phase, link, action}`, with `rtt` for slow and `bytes` (and
  // `direction`, down unless said) for limit-data, and `instance` for one
  // instance's link.
  LinkPhaseFault link_fault(const Field& f, const std::string& phase, const std::vector<LinkPhaseFault>& earlier,
                            int instances) const;

 private:
  network::Tier tier(const Field& f) const;
  network::LinkShape shape(const Field& f) const;
  std::vector<network::LinkSetting> links(const YAML::Node& links) const;
  std::vector<StoreRttPoint> store_rtts(const Field& f, const ScenarioNetwork& network) const;
  std::vector<ReplicaDelayPoint> replica_delays(const Field& f, const ScenarioNetwork& network) const;
  Regions regions(const YAML::Node& node, int instances) const;

  const FieldReader& read_;
};

// Why a reference to instance `instance` is refused in a script of `instances`.
std::string the_script_lacks(int instance, int instances);

}  // namespace revbench::scenarios

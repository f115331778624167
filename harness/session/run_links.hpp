#pragma once
// The links one run puts on its tiers (`--link TIER=SHAPE`): one in front of
// each store for every instance's connections, one in front of each instance
// for the generator's. They live as long as the run; the fleet, made after
// them, is stopped before them.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/network/link_fault.hpp"
#include "harness/network/link_tier.hpp"
#include "harness/session/server_fleet.hpp"
#include "results/scenario_results.hpp"
#include "scenarios/scenario_network.hpp"

namespace revbench::network {
class TcpLink;
}
namespace revbench::store {
class Stores;
}

namespace revbench::session {

class RunLinks {
 public:
  // Links for the store tiers the settings name, to these stores (null: the
  // client-server tier only, the stores are someone else's), an unshaped one
  // on each tier a fault will cut (`faulted`; an instance's own when the
  // fault is on that instance only), and links of their distance for
  // instances in another region than the stores. The stores' replicas
  // follow their primaries through the replication tiers' links, or
  // directly, and are caught up before this returns; directly again after.
  RunLinks(std::span<const network::LinkSetting> settings, std::span<const scenarios::FaultedLink> faulted,
           const scenarios::Regions* regions, store::Stores* stores);
  ~RunLinks();
  RunLinks(const RunLinks&) = delete;
  RunLinks& operator=(const RunLinks&) = delete;

  // The URLs instance i (0-based) uses: through its region's links when it
  // is away from the stores, through its own link on a tier a fault cuts for
  // it alone, else through the tiers' shared links where they have one.
  StoreUrls stores_for(std::size_t instance);

  // The instances as the generator reaches them: through a link each when
  // the client-server tier has one.
  std::vector<load::HttpTarget> in_front_of(const std::vector<load::HttpTarget>& instances);

  // Times `samples` round trips through each link by its tier's protocol
  // (link_round_trips.hpp), for records(): before the run, after in_front_of.
  void measure_round_trips(int samples);
  std::vector<results::LinkRecord> records() const;

  // A fault on the tier's links, every instance's (instance 0) or one's
  // (1-based), and its lifting (any thread).
  void apply(network::Tier tier, int instance, const network::LinkFault& fault);
  void lift(network::Tier tier, int instance, network::FaultAction action);

 private:
  struct Placed {
    network::Tier tier;
    int instance;
    std::unique_ptr<network::TcpLink> link;
    std::string store_url;        // a store tier's: the store through the link
    load::HttpTarget server;      // client-server: the instance through the link
    results::RoundTrips measured;
  };
  std::string through(network::Tier tier, const std::string& url, const network::LinkShape& shape, int instance,
                      const std::string& why);
  // The tier's shared link: its setting, an unshaped one when only a fault
  // asks for a link, or none.
  std::optional<network::LinkSetting> setting_for(network::Tier tier) const;
  bool faulted(network::Tier tier, int instance) const;
  // Points each replica at its primary through the replication tier's link,
  // or directly (`direct`), and waits until it replicates.
  void replicate(bool direct);

  std::vector<network::LinkSetting> settings_;
  std::vector<scenarios::FaultedLink> faulted_;
  const scenarios::Regions* regions_;
  std::vector<Placed> placed_;
  store::Stores* stores_;
  StoreUrls direct_, shared_;
};

}  // namespace revbench::session

#include "scenarios/scenario_network.hpp"

#include <algorithm>

namespace revbench::scenarios {

std::vector<network::Tier> ScenarioNetwork::faulted_tiers() const {
  std::vector<network::Tier> tiers;
  for (const auto& f : faults)
    if (std::find(tiers.begin(), tiers.end(), f.tier) == tiers.end()) tiers.push_back(f.tier);
  return tiers;
}

const Regions::Distance* Regions::to_stores(std::size_t instance) const {
  if (instance >= instances.size() || instances[instance] == stores) return nullptr;
  const auto& region = instances[instance];
  for (const auto& d : distances)
    if ((d.a == region && d.b == stores) || (d.b == region && d.a == stores)) return &d;
  return nullptr;  // the parser refuses a region with no distance to the stores'
}

}  // namespace revbench::scenarios

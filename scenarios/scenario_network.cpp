#include "scenarios/scenario_network.hpp"

#include <algorithm>

namespace revbench::scenarios {

std::vector<FaultedLink> ScenarioNetwork::faulted_links() const {
  std::vector<FaultedLink> cut;
  for (const auto& f : faults)
    if (const FaultedLink link{f.tier, f.instance}; std::find(cut.begin(), cut.end(), link) == cut.end())
      cut.push_back(link);
  return cut;
}

const Regions::Distance* Regions::to_stores(std::size_t instance) const {
  if (instance >= instances.size() || instances[instance] == stores) return nullptr;
  const auto& region = instances[instance];
  for (const auto& d : distances)
    if ((d.a == region && d.b == stores) || (d.b == region && d.a == stores)) return &d;
  return nullptr;  // the parser refuses a region with no distance to the stores'
}

}  // namespace revbench::scenarios

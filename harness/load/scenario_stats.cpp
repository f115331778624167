#include "harness/load/scenario_stats.hpp"

namespace revbench::load {

std::uint64_t EndpointStats::errors() const {
  std::uint64_t errors = 0;
  for (const auto& [outcome, count] : outcomes)
    if (outcome.empty() || outcome[0] != '2') errors += count;
  return errors;
}

void ScenarioStats::note(std::string text) {
  constexpr std::size_t kept = 20;  // enough to see what went wrong, bounded for a long run
  if (notes.size() < kept) notes.push_back(std::move(text));
}

}  // namespace revbench::load

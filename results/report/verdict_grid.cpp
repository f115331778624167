#include "results/report/verdict_grid.hpp"

#include <algorithm>
#include <optional>

#include "results/report/figure_format.hpp"

namespace revbench::results::report {

void verdict_grid(const ResultsSet& results, const ReportOptions& options, std::vector<Block>& blocks) {
  std::vector<std::string> events;
  const auto event_of = [](const RunRecord& run) { return run.event.empty() ? std::string("no revoke") : run.event; };
  for (const auto& scenario : results.scenarios) {
    if (scenario == options.cost_scenario) continue;
    for (const auto& strategy : results.strategies)
      for (const RunRecord* run : results.repeats(strategy, scenario))
        if (std::find(events.begin(), events.end(), event_of(*run)) == events.end()) events.push_back(event_of(*run));
  }
  Table grid;
  grid.header = {"Strategy"};
  for (const auto& event : events) grid.header.push_back(event);
  grid.right_aligned.assign(grid.header.size(), false);
  for (const auto& strategy : results.strategies) {
    std::vector<std::string> row{code(strategy)};
    for (const auto& event : events) {
      std::size_t runs = 0, broken = 0;
      std::optional<double> slowest;
      for (const auto& scenario : results.scenarios) {
        if (scenario == options.cost_scenario) continue;
        for (const RunRecord* run : results.repeats(strategy, scenario)) {
          if (event_of(*run) != event) continue;
          ++runs;
          broken += run->kept ? 0 : 1;
          if (run->revocation_lag && run->promise != "not_applicable")
            slowest = std::max(slowest.value_or(0.0), static_cast<double>(run->revocation_lag->max().count()) / 1e9);
        }
      }
      if (runs == 0) {
        row.push_back("—");
        continue;
      }
      std::string cell = broken == 0 ? "✓" : "✗ " + std::to_string(broken) + " of " + std::to_string(runs) + " broken";
      if (slowest) cell += " " + seconds_text(*slowest);
      row.push_back(cell);
    }
    grid.rows.push_back(std::move(row));
  }
  blocks.push_back(Heading{2, "Verdicts"});
  blocks.push_back(Paragraph{"Per strategy and event, over every scenario that made it: ✓ when every run kept the strategy's promise, ✗ with how many broke it, and the slowest revocation (the lag's maximum, from the revoking response to the first rejection on every server instance). Each run with its figures is under More information."});
  blocks.push_back(grid);
}

}  // namespace revbench::results::report

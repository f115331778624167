#pragma once
// Two sets of results compared figure by figure, the way benchstat compares
// benchmarks (`revbench diff`): each side one results file or several
// repeats, a figure's old and new medians, the change, and whether the
// repeats can tell it from noise. Repeats pair by their place (old i with
// new i); the change is the median of the pairs' ratios, its 95% interval
// the distribution-free one of median_interval.hpp (6 pairs or more). With
// fewer, or when the interval holds no change, the row says `~`.
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "results/scenario_results_reader.hpp"

namespace revbench::results {

// What `revbench diff` compares unless told: latency, throughput and store
// work of each endpoint, and each run's lag, thief and verdict.
const std::vector<std::string>& headline_metrics();

struct DiffRow {
  std::string strategy, scenario, store_rtt, replica_delay, balancer, phase, endpoint, metric, unit;
  std::vector<std::optional<double>> old_values, new_values;  // by repeat; none: that repeat lacks the figure
  std::optional<double> old_median, new_median;                // none: no repeat on that side has it
  std::optional<double> change;                                // new/old - 1, the median over the pairs
  std::optional<std::pair<double, double>> interval;           // of `change`
  std::size_t pairs = 0;
  bool significant() const { return interval && (interval->first > 0 || interval->second < 0); }
};

// `metrics` empty: headline_metrics().
std::vector<DiffRow> diff_results(const std::vector<ScenarioResultsFile>& old_side,
                                  const std::vector<ScenarioResultsFile>& new_side, const std::vector<std::string>& metrics);

void write_diff(std::ostream& out, const std::vector<DiffRow>& rows, const std::vector<ScenarioResultsFile>& old_side,
                const std::vector<ScenarioResultsFile>& new_side);

}  // namespace revbench::results

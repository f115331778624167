#include "results/results_diff.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "results/median_interval.hpp"
#include "results/tidy_rows.hpp"

namespace revbench::results {
namespace {

using Key = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string, std::string, std::string>;

Key key_of(const TidyRow& row) {
  return {row.strategy, row.scenario, row.store_rtt, row.replica_delay, row.balancer, row.phase, row.endpoint, row.metric};
}

std::string figure(std::optional<double> value, const std::string& unit) {
  if (!value) return "-";
  char text[32];
  if (unit == "s") {
    const double v = *value;
    if (v != 0 && std::abs(v) < 1e-3) std::snprintf(text, sizeof text, "%.3g µs", v * 1e6);
    else if (std::abs(v) < 1) std::snprintf(text, sizeof text, "%.3g ms", v * 1e3);
    else std::snprintf(text, sizeof text, "%.3g s", v);
  } else if (unit == "1/s") {
    std::snprintf(text, sizeof text, "%.4g/s", *value);
  } else {
    std::snprintf(text, sizeof text, "%.4g", *value);
  }
  return text;
}

std::string percent(double change) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", change * 100);
  return text;
}

std::string change_text(const DiffRow& row) {
  if (!row.old_median || !row.new_median) return row.old_median ? "gone" : "new";
  if (!row.change) return *row.old_median == *row.new_median ? "~" : "~ (old is 0)";
  if (!row.interval)
    return percent(*row.change) + " ~ (" + std::to_string(row.pairs) + (row.pairs == 1 ? " pair" : " pairs") +
           ": a 95% interval needs 6)";
  const std::string interval = "[" + percent(row.interval->first) + ", " + percent(row.interval->second) + "]";
  return row.significant() ? percent(*row.change) + " " + interval : "~ " + interval;
}

// The columns a cell takes on a terminal: UTF-8's continuation bytes take none (µ is two bytes).
std::size_t columns_of(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string side_text(const std::vector<ScenarioResultsFile>& side) {
  std::string names;
  for (const auto& file : side) names += (names.empty() ? "" : ", ") + file.name;
  return names + " (" + std::to_string(side.size()) + (side.size() == 1 ? " repeat)" : " repeats)");
}

}  // namespace

const std::vector<std::string>& headline_metrics() {
  static const std::vector<std::string> metrics{"latency_corrected.p50", "latency_corrected.p99", "throughput",
                                                "redis_ops_per_request", "pg_ops_per_request",    "revocation_lag.max",
                                                "security.accepted_after_revoke", "verdict.kept"};
  return metrics;
}

std::vector<DiffRow> diff_results(const std::vector<ScenarioResultsFile>& old_side,
                                  const std::vector<ScenarioResultsFile>& new_side, const std::vector<std::string>& metrics) {
  const auto& wanted = metrics.empty() ? headline_metrics() : metrics;
  std::vector<DiffRow> rows;
  std::map<Key, std::size_t> index;
  const auto take = [&](const std::vector<ScenarioResultsFile>& side, bool is_old) {
    for (std::size_t repeat = 0; repeat < side.size(); ++repeat)
      for (const auto& tidy : tidy_rows(side[repeat])) {
        if (std::find(wanted.begin(), wanted.end(), tidy.metric) == wanted.end()) continue;
        const auto key = key_of(tidy);
        auto [at, added] = index.try_emplace(key, rows.size());
        if (added) {
          DiffRow row{tidy.strategy, tidy.scenario, tidy.store_rtt, tidy.replica_delay, tidy.balancer, tidy.phase,
                      tidy.endpoint, tidy.metric, tidy.unit};
          row.old_values.resize(old_side.size());
          row.new_values.resize(new_side.size());
          rows.push_back(std::move(row));
        }
        auto& values = is_old ? rows[at->second].old_values : rows[at->second].new_values;
        if (!values[repeat]) values[repeat] = tidy.value;  // a figure twice in one file: its first
      }
  };
  take(old_side, true);
  take(new_side, false);
  for (auto& row : rows) {
    const auto present = [](const std::vector<std::optional<double>>& values) {
      std::vector<double> out;
      for (const auto& v : values)
        if (v) out.push_back(*v);
      return out;
    };
    const auto old_values = present(row.old_values), new_values = present(row.new_values);
    if (!old_values.empty()) row.old_median = median_of(old_values);
    if (!new_values.empty()) row.new_median = median_of(new_values);
    std::vector<double> ratios;
    for (std::size_t i = 0; i < std::min(row.old_values.size(), row.new_values.size()); ++i)
      if (row.old_values[i] && row.new_values[i] && *row.old_values[i] != 0)
        ratios.push_back(*row.new_values[i] / *row.old_values[i] - 1);
    row.pairs = ratios.size();
    if (!ratios.empty()) {
      row.change = median_of(ratios);
      row.interval = median_interval(ratios);
    }
  }
  return rows;
}

void write_diff(std::ostream& out, const std::vector<DiffRow>& rows, const std::vector<ScenarioResultsFile>& old_side,
                const std::vector<ScenarioResultsFile>& new_side) {
  out << "old: " << side_text(old_side) << "\nnew: " << side_text(new_side) << "\n\n";
  std::vector<std::array<std::string, 8>> table;
  table.push_back({"strategy", "scenario", "phase", "endpoint", "metric", "old", "new", "change"});
  for (const auto& row : rows)
    table.push_back({row.strategy,
                     row.scenario + (row.store_rtt.empty() ? "" : " @" + row.store_rtt) +
                         (row.replica_delay.empty() ? "" : " @replica " + row.replica_delay) +
                         (row.balancer.empty() ? "" : " @" + row.balancer),
                     row.phase.empty() ? "-" : row.phase, row.endpoint.empty() ? "-" : row.endpoint, row.metric,
                     figure(row.old_median, row.unit), figure(row.new_median, row.unit), change_text(row)});
  std::array<std::size_t, 8> width{};
  for (const auto& line : table)
    for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], columns_of(line[i]));
  for (const auto& line : table) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(width[i] - columns_of(line[i]) + 2, ' ');
    }
    out << text << "\n";
  }
  out << "\n~: the repeats cannot tell the change from noise (its 95% interval holds no change, or there are too "
         "few pairs for one).\n";
}

}  // namespace revbench::results

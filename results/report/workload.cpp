#include "results/report/workload.hpp"

#include <algorithm>

#include "results/report/figure_format.hpp"

namespace revbench::results::report {

std::string workload_text(const ResultsSet& results, const std::vector<StrategyProfile>& profiles,
                          const std::string& cost_scenario) {
  std::vector<double> ttls, rates;
  int most_instances = 1;
  std::size_t through_links = 0, replicated = 0;
  for (const auto& run : results.runs) {
    if (run.access_ttl_seconds > 0 && std::find(ttls.begin(), ttls.end(), run.access_ttl_seconds) == ttls.end())
      ttls.push_back(run.access_ttl_seconds);
    most_instances = std::max(most_instances, run.instances);
    through_links += run.network.empty() ? 0 : 1;
    replicated += run.stores.empty() ? 0 : 1;
  }
  std::sort(ttls.begin(), ttls.end());
  for (const auto& p : profiles)
    if (p.has_hot_path) rates.push_back(p.throughput.median);
  std::string ttl_text;
  for (const double ttl : ttls) ttl_text += (ttl_text.empty() ? "" : ", ") + number_text(ttl) + " s";
  std::string text = "Workload: access tokens living " + ttl_text + " (the scenarios' `access_ttl`: a lag bounded by the TTL is bounded by these, not by yours)";
  if (!rates.empty()) {
    const auto [low, high] = std::minmax_element(rates.begin(), rates.end());
    text += "; the hot path (GET /api/resource under " + code(cost_scenario) + ") at " +
            (number_text(*low) == number_text(*high) ? number_text(*low) : number_text(*low) + "–" + number_text(*high)) +
            " requests/s";
  }
  text += "; up to " + std::to_string(most_instances) + (most_instances == 1 ? " server instance" : " server instances");
  const auto& machine = results.sources.front().machine;
  const auto* cores = machine.if_contains("cores");
  const auto* kernel = machine.if_contains("kernel");
  text += ". Machine: " + (cores != nullptr && cores->is_number() ? number_text(cores->to_number<double>()) : std::string("?")) +
          " cores" + (kernel != nullptr && kernel->is_string() ? " (" + std::string(kernel->as_string()) + ")" : "") +
          ", shared by the servers, the stores and the load generator. Network: ";
  text += through_links == 0 ? std::string("loopback") :
          "loopback, except " + std::to_string(through_links) + " of " + std::to_string(results.runs.size()) +
              " runs through emulated links (named in the verdicts by run)";
  text += ". Stores: one Redis and one PostgreSQL";
  if (replicated > 0) text += ", except " + std::to_string(replicated) + " runs on replicated stores (named in the tables)";
  return text + ".";
}

}  // namespace revbench::results::report

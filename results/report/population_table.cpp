#include "results/report/population_table.hpp"

#include <algorithm>

#include "results/report/figure_format.hpp"

namespace revbench::results::report {
namespace {

// GET /api/resource's p99 over the run's recorded phases, or a dash.
std::string resource_p99(const RunRecord* run) {
  if (run == nullptr) return "—";
  const auto found = run->endpoints.find("resource");
  if (found == run->endpoints.end() || found->second.requests == 0) return "—";
  return seconds_text(static_cast<double>(found->second.latency.percentile(99).count()) / 1e9);
}

}  // namespace

void population_table(const ResultsSet& results, const ReportOptions& options, std::vector<Block>& blocks) {
  std::vector<const RunRecord*> populated;
  for (const auto& run : results.runs)
    if (run.population) populated.push_back(&run);
  if (populated.empty()) return;
  blocks.push_back(Heading{3, "Stores at production size"});
  blocks.push_back(Paragraph{
      "Runs whose stores held a population before they began: bystander users besides the actors, live sessions "
      "and prior revocations, each strategy's in its own layout. Per entry: what writing the strategy's part "
      "added to Redis's used_memory, over the sessions and revocations it kept. Ready after: from starting the "
      "instances until each served with its strategy's memory caught up with the stores (what a restart costs). "
      "The p99 is GET /api/resource's, against the same strategy's on empty stores under " +
      code(options.cost_scenario) + "."});
  Table table;
  table.header = {"Strategy", "Scenario", "Users", "Kept sessions", "Kept revocations", "Redis per entry",
                  "PostgreSQL users / refresh", "Buffer hits", "Ready after", "Instance RSS", "p99 populated",
                  "p99 empty"};
  table.right_aligned = {false, false, true, true, true, true, true, true, true, true, true, true};
  for (const RunRecord* run : populated) {
    const auto& p = *run->population;
    const long long kept = p.live_sessions_kept + p.prior_revocations_kept;
    const auto empty = results.repeats(run->strategy, options.cost_scenario);
    table.rows.push_back(
        {code(run->strategy), code(run->scenario), count_text(static_cast<double>(p.asked.users)),
         count_text(static_cast<double>(p.live_sessions_kept)), count_text(static_cast<double>(p.prior_revocations_kept)),
         kept > 0 && p.redis_strategy_bytes > 0 ? bytes_text(static_cast<double>(p.redis_strategy_bytes) / static_cast<double>(kept)) : "—",
         bytes_text(static_cast<double>(p.pg_users_bytes)) + " / " + bytes_text(static_cast<double>(p.pg_refresh_bytes)),
         p.pg_buffer_hit_ratio ? number_text(*p.pg_buffer_hit_ratio * 100) + "%" : "—",
         run->instances_ready_seconds > 0 ? seconds_text(run->instances_ready_seconds) : "—",
         run->instance_rss_max_bytes ? bytes_text(static_cast<double>(*run->instance_rss_max_bytes)) : "—", resource_p99(run),
         resource_p99(empty.empty() ? nullptr : empty.front())});
  }
  blocks.push_back(table);
}

}  // namespace revbench::results::report

#include "results/report/production_projection.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "results/report/figure_format.hpp"

namespace revbench::results::report {
namespace {

// What a strategy keeps per session and per revocation, from its populated runs.
struct EntryCost {
  bool keeps_sessions = false;
  bool keeps_revocations = false;
  double store_bytes = 0;     // what its part added to Redis's used_memory, or else to PostgreSQL's tables, over the entries kept
  std::string store_where;    // "Redis", "PostgreSQL"
  std::optional<double> instance_bytes;  // each instance's RSS beyond an empty run's, over the entries kept
  std::string scenario;       // where it was measured
};

std::optional<EntryCost> entry_cost(const ResultsSet& results, const std::string& strategy) {
  std::optional<long long> empty_rss;
  for (const auto& run : results.runs)
    if (run.strategy == strategy && !run.population && run.instance_rss_max_bytes) empty_rss = *run.instance_rss_max_bytes;
  for (const auto& run : results.runs) {
    if (run.strategy != strategy || !run.population) continue;
    const auto& p = *run.population;
    const double kept = static_cast<double>(p.live_sessions_kept + p.prior_revocations_kept);
    EntryCost cost;
    cost.keeps_sessions = p.live_sessions_kept > 0;
    cost.keeps_revocations = p.prior_revocations_kept > 0;
    cost.scenario = run.scenario;
    if (kept > 0 && p.redis_strategy_bytes > 0) {
      cost.store_bytes = static_cast<double>(p.redis_strategy_bytes) / kept;
      cost.store_where = "Redis";
    } else if (kept > 0 && p.pg_strategy_bytes > 0) {
      cost.store_bytes = static_cast<double>(p.pg_strategy_bytes) / kept;
      cost.store_where = "PostgreSQL";
    }
    // An instance holding the entries in memory: more than a MiB beyond an empty one.
    if (kept > 0 && empty_rss && run.instance_rss_max_bytes && *run.instance_rss_max_bytes - *empty_rss > (1 << 20))
      cost.instance_bytes = static_cast<double>(*run.instance_rss_max_bytes - *empty_rss) / kept;
    return cost;
  }
  return std::nullopt;
}

std::string per_second(double value) { return count_text(std::round(value)) + "/s"; }

// A token's lifetime as people state it: 15 min, 14 d, 2 s.
std::string lifetime_text(double seconds) {
  for (const auto& [unit, size] : {std::pair{"d", 86400.0}, std::pair{"h", 3600.0}, std::pair{"min", 60.0}})
    if (seconds >= size) return number_text(seconds / size) + " " + unit;
  return seconds_text(seconds);
}

// Whether the strategy's runs issued refresh tokens, and whether a stolen one was caught.
bool issues_refresh_tokens(const ResultsSet& results, const std::string& strategy) {
  return std::any_of(results.runs.begin(), results.runs.end(),
                     [&](const RunRecord& run) { return run.strategy == strategy && !run.refresh_window.empty(); });
}

// The production as a sentence.
std::string described(const Production& production) {
  std::string out;
  const auto add = [&](const std::optional<double>& value, const std::string& text) {
    if (value) out += (out.empty() ? "" : ", ") + text;
  };
  add(production.rate_per_second, per_second(production.rate_per_second.value_or(0)) + " authenticated requests");
  add(production.instances, count_text(production.instances.value_or(0)) + " instances");
  add(production.users, count_text(production.users.value_or(0)) + " users");
  add(production.live_sessions, count_text(production.live_sessions.value_or(0)) + " live sessions");
  add(production.revocations_per_second, per_second(production.revocations_per_second.value_or(0)) + " revocations");
  add(production.access_ttl_seconds, "access tokens living " + lifetime_text(production.access_ttl_seconds.value_or(0)));
  add(production.refresh_ttl_seconds, "refresh tokens " + lifetime_text(production.refresh_ttl_seconds.value_or(0)));
  add(production.store_rtt_seconds, "stores " + seconds_text(production.store_rtt_seconds.value_or(0)) + " away");
  return out;
}

// The cost scenario's run of `strategy` at the production's store round trip, when a sweep played one.
const RunRecord* measured_at_rtt(const ResultsSet& results, const std::string& strategy, const std::string& scenario,
                                 double rtt_seconds) {
  for (const auto& swept : results.swept)
    if (swept.run.strategy == strategy && swept.run.scenario == scenario &&
        std::abs(swept.rtt_seconds - rtt_seconds) < 1e-9)
      return &swept.run;
  return nullptr;
}

std::string hot_path_at_rtt(const ResultsSet& results, const StrategyProfile& profile, const std::string& scenario,
                            double rtt) {
  if (const RunRecord* run = measured_at_rtt(results, profile.strategy, scenario, rtt)) {
    const auto found = run->endpoints.find("resource");
    if (found != run->endpoints.end() && found->second.requests > 0)
      return "measured: " + seconds_text(static_cast<double>(found->second.latency.percentile(50).count()) / 1e9) +
             " (its run at store RTT " + seconds_text(rtt) + ")";
  }
  const double trips = profile.store_per_request();
  return seconds_text(profile.p50.median + trips * rtt) + " = " + seconds_text(profile.p50.median) + " + " +
         number_text(trips) + " × " + seconds_text(rtt);
}

}  // namespace

void production_projection(const ResultsSet& results, const std::vector<StrategyProfile>& profiles,
                           const Production& production, const std::string& cost_scenario, std::vector<Block>& blocks) {
  blocks.push_back(Heading{2, "Projected to your production"});
  blocks.push_back(Paragraph{
      "Your production (`--production " + production.text + "`): " + described(production) +
      ". Each figure below is a projection: a unit cost measured here, carried to that production by the formula "
      "beside it. The measurements themselves are in the table after it. A projection assumes the costs stay linear "
      "(a store twice as busy answers as fast), which holds until a store or an instance runs out of room."});
  if (std::none_of(profiles.begin(), profiles.end(), [](const StrategyProfile& p) { return p.has_hot_path; })) {
    blocks.push_back(Paragraph{"Nothing to project: no run of " + code(cost_scenario) +
                               ", whose GET /api/resource gives the unit costs (name another with --cost-scenario)."});
    return;
  }
  const double rate = production.rate_per_second.value_or(0);
  const double ttl = production.access_ttl_seconds.value_or(0);
  const double revocations = production.revocations_per_second.value_or(0);
  const double sessions = production.sessions();
  Table projected;
  projected.header = {"Strategy"};
  if (production.rate_per_second) {
    projected.header.push_back("Redis ops/s");
    projected.header.push_back("PostgreSQL ops/s");
  }
  projected.header.insert(projected.header.end(), {"Live entries", "Store memory", "Memory in each instance"});
  if (production.access_ttl_seconds) projected.header.push_back("A stolen access token works for");
  if (production.refresh_ttl_seconds) projected.header.push_back("A stolen refresh token works for");
  if (production.store_rtt_seconds) projected.header.push_back("Hot path p50 at the stores' distance");
  projected.right_aligned.assign(projected.header.size(), false);

  Table measured;
  measured.header = {"Strategy", "Redis ops / request", "PostgreSQL ops / request", "Hot path p50", "Bytes a store entry",
                     "Bytes an entry in each instance", "Worst revocation lag", "At access TTL"};
  measured.right_aligned = {false, true, true, true, true, true, true, true};

  for (const auto& p : profiles) {
    if (!p.has_hot_path) continue;
    const auto cost = entry_cost(results, p.strategy);
    std::vector<std::string> row{code(p.strategy)};
    if (production.rate_per_second) {
      row.push_back(per_second(p.redis_per_request.median * rate) + " = " + number_text(p.redis_per_request.median) +
                    " × " + per_second(rate));
      row.push_back(per_second(p.pg_per_request.median * rate) + " = " + number_text(p.pg_per_request.median) + " × " +
                    per_second(rate));
    }
    // Entries: one a live session, and one a revocation for the rest of its token's life (half the TTL, on average).
    std::optional<double> entries;
    std::string entries_formula;
    if (!cost) {
      entries_formula = "not measured: play `revbench compare --set population`";
    } else if (!cost->keeps_sessions && !cost->keeps_revocations) {
      entries = 0;
      entries_formula = "0: it keeps nothing per session or revocation";
    } else {
      double n = 0;
      if (cost->keeps_sessions) {
        n += sessions;
        entries_formula = count_text(sessions) + " sessions";
      }
      if (cost->keeps_revocations) {
        n += revocations * ttl / 2;
        entries_formula += (entries_formula.empty() ? "" : " + ") + per_second(revocations) + " × " +
                           lifetime_text(ttl) + " / 2";
      }
      entries = n;
      entries_formula = count_text(std::round(n)) + " = " + entries_formula;
    }
    row.push_back(entries_formula);
    const auto memory = [&](std::optional<double> bytes_each, const std::string& where) -> std::string {
      if (!entries) return "—";
      if (*entries == 0) return "0";
      if (!bytes_each) return "—";
      return bytes_text(*entries * *bytes_each) + " = " + count_text(std::round(*entries)) + " × " +
             bytes_text(*bytes_each) + where;
    };
    row.push_back(memory(cost && cost->store_bytes > 0 ? std::optional<double>(cost->store_bytes) : std::nullopt,
                         cost && !cost->store_where.empty() ? " (" + cost->store_where + ")" : ""));
    row.push_back(memory(cost ? cost->instance_bytes : std::nullopt, ""));
    if (production.access_ttl_seconds)
      row.push_back(p.lag_bounded_by_ttl ? "up to " + lifetime_text(ttl) + ": the access TTL" : "—");
    if (production.refresh_ttl_seconds) {
      const auto refresh_ttl = lifetime_text(*production.refresh_ttl_seconds);
      if (!issues_refresh_tokens(results, p.strategy))
        row.push_back("—");
      else if (p.theft_detections && p.theft_detections->value.median > 0)
        row.push_back("until the victim's next refresh is refused as reuse, ending the family; up to " + refresh_ttl +
                      " (the refresh TTL) if the victim never refreshes again");
      else
        row.push_back("up to " + refresh_ttl + ": the refresh TTL (no theft was detected here)");
    }
    if (production.store_rtt_seconds)
      row.push_back(hot_path_at_rtt(results, p, cost_scenario, *production.store_rtt_seconds));
    projected.rows.push_back(std::move(row));

    std::string ttls;
    for (const double t : p.access_ttls_seconds) ttls += (ttls.empty() ? "" : ", ") + seconds_text(t);
    measured.rows.push_back(
        {code(p.strategy), number_text(p.redis_per_request.median), number_text(p.pg_per_request.median),
         seconds_text(p.p50.median),
         cost && cost->store_bytes > 0 ? bytes_text(cost->store_bytes) + " (" + cost->store_where + ", " + code(cost->scenario) + ")" : "—",
         cost && cost->instance_bytes ? bytes_text(*cost->instance_bytes) : "—",
         p.worst_lag_max ? seconds_text(p.worst_lag_max->value.median) + " (" + p.worst_lag_max->where + ")" : "—",
         ttls.empty() ? "—" : ttls});
  }
  blocks.push_back(projected);
  blocks.push_back(Paragraph{"What the projections rest on, as measured here:"});
  blocks.push_back(measured);
}

}  // namespace revbench::results::report

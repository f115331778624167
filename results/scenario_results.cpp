#include "results/scenario_results.hpp"

#include <algorithm>
#include <limits>

#include <boost/json/array.hpp>

#include "harness/network/link_fault.hpp"
#include "results/results_file.hpp"

namespace revbench::results {
namespace json = boost::json;

namespace {

double seconds(std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e9; }

// "redis was down", "the server-redis link was partitioned": while what.
std::string while_what(const load::FaultRecord& fault) {
  if (fault.link.empty()) {
    if (fault.action == "isolate") return "the " + fault.store + " primary was cut off from its replicas and Sentinels";
    return fault.store + (fault.action == "kill" ? " was down" : " was stalled");
  }
  const std::string link =
      "the " + fault.link + " link " + (fault.instance == 0 ? "" : "of instance " + std::to_string(fault.instance) + " ");
  switch (network::fault_action_named(fault.action).value_or(network::FaultAction::limit_data)) {
    case network::FaultAction::partition: return link + "was partitioned";
    case network::FaultAction::reset: return link + "reset every connection";
    case network::FaultAction::slow: return link + "was slowed (" + fault.detail + ")";
    default: return link + "cut connections (" + fault.detail + ")";
  }
}

}  // namespace

// What every request of the fault's phase got, legitimate users and thieves
// apart, and in a sentence what a thief could do while the store or link was out.
json::object fault_to_json(const load::FaultRecord& fault, const load::ScenarioStats& stats) {
  std::map<std::string, std::uint64_t> users, thieves;
  for (const auto& [key, s] : stats.endpoints) {
    if (key.first != fault.phase) continue;
    auto& into = key.second.rfind("thief_", 0) == 0 ? thieves : users;
    for (const auto& [outcome, count] : s.outcomes) into[outcome] += count;
  }
  const auto to_object = [](const std::map<std::string, std::uint64_t>& counts) {
    json::object out;
    for (const auto& [outcome, count] : counts) out[outcome] = count;
    return out;
  };
  std::uint64_t thief_total = 0, thief_accepted = 0;
  for (const auto& [outcome, count] : thieves) {
    thief_total += count;
    if (!outcome.empty() && outcome.front() == '2') thief_accepted += count;
  }
  const std::string what = while_what(fault);
  std::string thief;
  if (thief_total == 0)
    thief = "no thief requests while " + what;
  else if (thief_accepted == 0)
    thief = "the stolen token was refused all " + std::to_string(thief_total) + " times while " + what;
  else
    thief = "the stolen token was accepted " + std::to_string(thief_accepted) + " of " + std::to_string(thief_total) +
            " times while " + what;
  json::object out{{"phase", fault.phase}, {"action", fault.action}};
  if (fault.link.empty()) {
    out["store"] = fault.store;
  } else {
    out["link"] = fault.link;
    out["detail"] = fault.detail;
    if (fault.instance != 0) out["instance"] = fault.instance;
  }
  out["injected_at_seconds"] = fault.injected_s;
  out["returned_at_seconds"] = fault.returned_s;
  out["reconnect_seconds"] = fault.reconnect_s;
  if (fault.failover) out["failover_seconds"] = fault.failover_s;
  out["users"] = to_object(users);
  out["thieves"] = to_object(thieves);
  out["thief_requests"] = thief_total;
  out["thief_accepted"] = thief_accepted;
  out["thief_could"] = thief;
  return out;
}

// The slowest failover of the run's Sentinel primaries killed; one that did
// not end within its phase counts as infinity (so failover_seconds<3 fails);
// 0 without one.
double longest_failover(const load::ScenarioStats& stats) {
  double longest = 0;
  for (const auto& fault : stats.faults)
    if (fault.failover) longest = fault.failover_s < 0 ? std::numeric_limits<double>::infinity() : std::max(longest, fault.failover_s);
  return longest;
}

load::EndpointStats resource_totals(const load::ScenarioStats& stats) {
  load::EndpointStats total;
  for (const auto& [key, s] : stats.endpoints) {
    if (key.second != "resource") continue;
    total.corrected.merge(s.corrected);
    total.uncorrected.merge(s.uncorrected);
    for (const auto& [outcome, count] : s.outcomes) total.outcomes[outcome] += count;
    total.redis_ops += s.redis_ops;
    total.pg_ops += s.pg_ops;
  }
  return total;
}

std::map<std::string, double> scenario_metrics(const ScenarioRun& run) {
  const auto& stats = run.stats;
  const auto resource = resource_totals(stats);
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  for (const auto& [key, s] : stats.endpoints) {
    if (key.second.rfind("thief_", 0) == 0 || key.second == "probe") continue;
    requests += s.requests();
    errors += s.errors();
  }
  const auto& s = stats.security;
  const double resource_requests = static_cast<double>(resource.requests());
  return {{"p50", seconds(resource.corrected.percentile(50))},
          {"p90", seconds(resource.corrected.percentile(90))},
          {"p99", seconds(resource.corrected.percentile(99))},
          {"p99.9", seconds(resource.corrected.percentile(99.9))},
          {"max", seconds(resource.corrected.max())},
          {"requests", static_cast<double>(requests)},
          {"errors", static_cast<double>(errors)},
          {"error_rate", requests > 0 ? static_cast<double>(errors) / static_cast<double>(requests) : 0.0},
          {"redis_ops_per_request", resource_requests > 0 ? static_cast<double>(resource.redis_ops) / resource_requests : 0.0},
          {"pg_ops_per_request", resource_requests > 0 ? static_cast<double>(resource.pg_ops) / resource_requests : 0.0},
          {"lag_p50", seconds(stats.revocation_lag.percentile(50))},
          {"lag_p99", seconds(stats.revocation_lag.percentile(99))},
          {"lag_max", seconds(stats.revocation_lag.max())},
          {"accepted_after_revoke", static_cast<double>(s.accepted_after_revoke)},
          {"revocations_lost", static_cast<double>(s.revocations_lost)},
          {"accepted_after_lost_revocation", static_cast<double>(s.accepted_after_lost_revocation)},
          {"failover_seconds", longest_failover(stats)},
          {"never_rejected", static_cast<double>(s.never_rejected)},
          {"collateral_logouts", static_cast<double>(s.collateral_logouts)},
          {"false_theft_detections", static_cast<double>(s.false_theft_detections)},
          {"theft_detections", static_cast<double>(s.theft_detections)},
          {"relogins", static_cast<double>(s.relogins)},
          {"changes_owed", static_cast<double>(s.changes_owed)},
          {"changes_half_done", static_cast<double>(s.changes_half_done)},
          {"hostile_names_served", static_cast<double>(s.hostile_names_served)},
          {"promise_kept", run.verdict.kept ? 1.0 : 0.0}};
}

}  // namespace revbench::results

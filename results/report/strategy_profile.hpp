#pragma once
// The figures a decision rests on, per strategy, computed once from the
// runs: what its hot path costs, how fast its revocations land, what a
// thief still gets, what it breaks for others. Requirements, the outcome and
// the pros and cons all read these, so they can never disagree.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "results/report/report_data.hpp"

namespace revbench::results::report {

// A figure and where it was measured (scenario or event), over repeats.
struct Measured {
  Spread value;
  std::string where;
};

// GET /api/resource while a store was down, a store's scenarios and repeats together.
struct StoreOutage {
  std::string store;                // redis, postgres
  std::vector<std::string> scenarios;  // where it was killed
  std::uint64_t answered = 0;       // 2xx
  std::uint64_t requests = 0;
  std::string most_refused;         // the commonest other outcome: "503 store_unavailable"
  std::uint64_t most_refused_count = 0;
};

struct StrategyProfile {
  std::string strategy;
  // Hot path: GET /api/resource in the cost scenario, per repeat.
  bool has_hot_path = false;
  Spread throughput, p50, p99, p99_9, redis_per_request, pg_per_request;
  double store_per_request() const { return redis_per_request.median + pg_per_request.median; }
  // Revocation of sessions (logout, logout-all, ban, token theft): the worst event.
  std::optional<Measured> worst_lag_max;
  std::optional<Measured> worst_lag_p99;
  std::optional<Measured> most_accepted_after_revoke;  // thief requests accepted after a revoke
  // A single-device logout: how many other sessions it ended, whether the device's token still worked.
  std::optional<Measured> logout_collateral;
  std::optional<Measured> logout_accepted_after_revoke;
  std::optional<Measured> most_collateral;     // over every scenario but a key rotation (which ends all by design)
  std::optional<Measured> false_theft;         // false theft detections, the worst scenario
  std::optional<Measured> theft_detections;    // refresh-token thefts detected, the theft scenario that caught fewest
  std::optional<Measured> revocations_lost;    // refused, then accepted again: the worst run that failed a primary over
  std::vector<std::string> broken_promises;   // "scenario: reason"
  // Its logout's lag is the access TTL's: a revoked token lives until it expires.
  bool lag_bounded_by_ttl = false;
  std::vector<double> access_ttls_seconds;  // the TTLs its runs had, ascending
  // While a store was killed: what the hot path answered, every scenario and repeat that killed it.
  std::vector<StoreOutage> store_outages;
};

// Events whose lag is a session's revocation lag (not a key rotation, not a one-time token).
bool revokes_sessions(const std::string& event);

std::vector<StrategyProfile> profile_strategies(const ResultsSet& results, const std::string& cost_scenario);

}  // namespace revbench::results::report

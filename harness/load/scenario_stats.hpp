#pragma once
// What a scenario run measured: per phase and endpoint, the latency, the
// outcomes and the store ops; for the run, what the security verdicts are
// computed from (revocation lag, thief acceptances, collateral logouts,
// false theft detections) and a per-second timeline for the surge charts.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "harness/load/latency_histogram.hpp"

namespace revbench::load {

struct EndpointStats {
  LatencyHistogram corrected;    // from the intended send time
  LatencyHistogram uncorrected;  // from the actual send time
  std::map<std::string, std::uint64_t> outcomes;  // "200", "401 revoked", "503 store_unavailable", "no_response"
  std::uint64_t redis_ops = 0;
  std::uint64_t pg_ops = 0;

  std::uint64_t requests() const { return corrected.count(); }
  std::uint64_t errors() const;  // answers other than 2xx, and no answer
};

struct TimelineSecond {
  std::uint64_t requests = 0;
  std::uint64_t logins = 0;
  std::uint64_t errors = 0;
  std::chrono::nanoseconds max_latency{0};
};

struct SecurityCounters {
  std::uint64_t probes = 0;                  // revocations a thief probed to the end
  std::uint64_t never_rejected = 0;          // ... where some instance still accepted at give-up
  std::uint64_t rejected_before_revoke = 0;  // thief refused before the revoke (not counted as lag)
  // Racing logins the revocation refused: while they were checked (`revoked`),
  // or after it (`banned`, `bad_credentials`). Their sessions never existed.
  std::uint64_t racing_logins_refused = 0;
  // Revoking changes (logout, logout-all, password change, reset, ban, ...) as
  // answered: made and revoked (204); made, the revocation owed (202); not made,
  // a store being down (503 answers, each try of a `retry`); and said not made
  // but found made by the retry (its 401): half done, which must never happen.
  std::uint64_t changes_revoked = 0;
  std::uint64_t changes_owed = 0;
  std::uint64_t changes_unavailable = 0;
  std::uint64_t changes_half_done = 0;
  // Requests under a name almost a user's (hostile-names) that were served:
  // a session, a reset token or a ban. Must never happen.
  std::uint64_t hostile_names_served = 0;
  std::uint64_t thief_requests = 0;
  std::uint64_t thief_accepted = 0;
  std::uint64_t accepted_after_revoke = 0;   // thief 2xx to requests sent after the revoking response
  // Revocations that came undone: a stolen token an instance refused after
  // its revocation, then accepted again (a failover that promoted a replica
  // without the revocation's write, ...), and the thief's requests it
  // accepted after that. A revocation lost before any refusal is not seen.
  std::uint64_t revocations_lost = 0;
  std::uint64_t accepted_after_lost_revocation = 0;
  std::uint64_t collateral_logouts = 0;      // sessions refused that no event targeted
  std::uint64_t theft_detections = 0;        // reuse_detected on a session that was stolen
  std::uint64_t false_theft_detections = 0;  // reuse_detected on a session nobody stole
  std::uint64_t relogins = 0;                // logins after a session was refused
  std::uint64_t renewals = 0;                // refreshes or logins after a token expired
  std::uint64_t skipped_steps = 0;           // steps the strategy makes meaningless (no refresh token issued)
  std::uint64_t failed_steps = 0;            // steps that could not do their job (a login refused, ...)
};

// One fault of a phase as it happened (seconds from the start of the first
// phase): on a store, or on a link.
struct FaultRecord {
  std::string phase;
  std::string store;   // redis, postgres; empty for a link's
  std::string link;    // the link's tier (server-redis, ...); empty for a store's
  std::string action;  // kill, stop; a link's: partition, reset, slow, limit-data, drop-response
  std::string detail;  // a link's fault as a person reads it: "slow +50ms"
  double injected_s = 0;
  double returned_s = 0;  // restarted and answering, continued, or the link healed
  // From the store's return (or the link's healing) until every server
  // instance's /healthz answered 200: how long the server's store clients
  // took to reconnect. Negative when they had not within 10 s.
  double reconnect_s = -1;
  // A kill of the Redis primary under Sentinel (`failover`): from the kill
  // until every instance's /healthz answered 200 again (a replica promoted,
  // and every server's client following it). Negative when not within the phase.
  bool failover = false;
  double failover_s = -1;
  int instance = 0;  // a link's fault on one instance's link only (1-based); 0: every instance's
};

struct ScenarioStats {
  // (phase, endpoint) -> stats; thieves' requests under "thief_<endpoint>".
  std::map<std::pair<std::string, std::string>, EndpointStats> endpoints;
  LatencyHistogram revocation_lag;  // per probed revocation, the slowest instance's
  std::map<std::string, std::uint64_t> rejection_reasons;  // the reason of each first rejection after the revoke
  SecurityCounters security;
  std::vector<TimelineSecond> timeline;
  std::vector<std::string> notes;  // why steps failed or were skipped (the first few)
  std::vector<FaultRecord> faults;  // the scenario's store faults, as injected
  std::uint64_t all_redis_ops = 0;  // every answer's Revbench-Store-Ops, warm-up included:
  std::uint64_t all_pg_ops = 0;     // what the stores' own counters are checked against
  // Through a balancer: the answers each instance served (index 0: instance
  // 1), as the balancer named them, warm-up included; empty without one.
  std::vector<std::uint64_t> answers_by_instance;
  double seconds = 0;              // from the start of the first phase to the last answer
  bool complete = true;            // false when stopped early

  void note(std::string text);
};

}  // namespace revbench::load

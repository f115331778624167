#pragma once
// One scenario run (strategy x scenario) as it ended: every endpoint x phase
// histogram, the security counters, the verdict and the store-ops
// cross-check (results/run_record.hpp writes it into a results file).
#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/contract/population.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/load/scenario_stats.hpp"
#include "results/verdict.hpp"

namespace revbench::results {

// Store ops the responses announced against what the stores counted.
struct StoreOpsCheck {
  bool available = false;  // false when revbench does not own the stores (--target)
  long long redis_announced = 0, redis_counted = 0;
  long long pg_announced = 0, pg_counted = 0;
  bool match() const { return redis_announced == redis_counted && pg_announced == pg_counted; }
};

// A link a run put on one of its tiers (`--link`): its shape as the grammar
// writes it, and what crossed it.
// Round trips measured through a link (a few, before the run).
struct RoundTrips {
  int samples = 0;
  double min_s = 0, median_s = 0, max_s = 0;
  std::string error;  // why fewer were measured than asked; empty when all were
};

struct LinkRecord {
  std::string tier;  // client-server, server-redis, server-postgres, subscriber-redis
  int instance = 0;  // which instance's (1-based); 0: a store tier's link every instance shares
  std::string shape;
  unsigned long long connections = 0;
  unsigned long long bytes_up = 0;  // toward the server or the store
  unsigned long long bytes_down = 0;
  RoundTrips measured;
};

// The stores a run ran on and where its checks read, by their flags' words.
struct RunTopology {
  std::string redis = "single";
  std::string postgres = "single";
  std::string read_from = "primary";
  int min_replicas_to_write = 0;  // 0: the Redis primary takes writes without its replicas
  std::string balancer = "none";  // none, haproxy:roundrobin, haproxy:leastconn, haproxy:sticky
};

// How far one store's replica was behind its primary during the run, as the
// stores said it, sampled every 10 ms (session/replication_watch.hpp).
struct ReplicaView {
  std::string store;            // redis, postgres
  int samples = 0;
  double behind_fraction = 0;   // of the samples, those where the replica had not applied everything
  double bytes_behind_p50 = 0;  // of the replication stream
  double bytes_behind_max = 0;
  std::optional<double> replay_lag_max_seconds;  // postgres: pg_stat_replication's own replay_lag
};

// The population a run's stores held (contract/population.hpp): what was
// asked, what the strategy kept of it, what writing it took, and what the
// stores weighed as the run began (after its strategy's part was written).
struct PopulationRecord {
  contract::Population asked;
  long long live_sessions_kept = 0;
  long long prior_revocations_kept = 0;
  double users_seconds = 0;     // the bystanders' COPY, once for the session's stores
  double strategy_seconds = 0;  // the strategy's sessions and revocations
  long long redis_used_memory_bytes = 0;  // INFO memory's used_memory
  long long redis_strategy_bytes = 0;     // what the strategy's part added to it
  long long pg_strategy_bytes = 0;        // and to the users and refresh tables
  long long redis_keys = 0;               // DBSIZE
  long long pg_users_bytes = 0;           // the users table with its indexes
  long long pg_refresh_bytes = 0;         // refresh_families and refresh_tokens with theirs
  long long pg_shared_buffers_bytes = 0;  // what PostgreSQL caches them in
  std::optional<double> pg_buffer_hit_ratio;  // during the run: reads found in shared_buffers
};

struct ScenarioRun {
  std::string strategy;
  const load::Scenario* scenario = nullptr;
  std::optional<contract::Promise> promise;  // for the scenario's event; none without one
  std::string promise_note;
  double promise_bound_seconds = 0;  // within_bound: the promised worst lag
  bool everyone_logged_out = false;  // the promise's collateral: every user's sessions end too
  std::string refresh_window;        // Strategy::refresh_window(); empty without refresh tokens
  load::ScenarioStats stats;
  Verdict verdict;
  StoreOpsCheck store_ops;
  int instances = 1;
  std::vector<LinkRecord> links;
  std::string store_rtt;  // the sweep's point (--store-rtt) as given; empty without a sweep
  std::string replica_delay;  // the sweep's point (network.replica_delay) as given; empty without one
  RunTopology topology;
  std::vector<ReplicaView> replicas;  // empty without replicas
  std::optional<PopulationRecord> population;  // none: the stores held only the actors' users
  // From starting the instances until every one served, its strategy's memory
  // caught up with the stores (what a restart costs); 0 on servers someone else runs.
  double instances_ready_seconds = 0;
  // The largest instance process's resident memory as the run ended; none
  // when the one instance ran inside revbench's own process.
  std::optional<long long> instance_rss_max_bytes;
};

// One store fault of a run: when, the reconnect time, what users and thieves
// got during its phase, and `thief_could`, what a thief could do meanwhile.
boost::json::object fault_to_json(const load::FaultRecord& fault, const load::ScenarioStats& stats);

// Figures thresholds can name for one run: p99 (GET /api/resource, recorded
// phases), error_rate, accepted_after_revoke, lag_max, collateral_logouts, ...
std::map<std::string, double> scenario_metrics(const ScenarioRun& run);

// Legitimate (non-thief) GET /api/resource over the recorded phases.
load::EndpointStats resource_totals(const load::ScenarioStats& stats);

}  // namespace revbench::results

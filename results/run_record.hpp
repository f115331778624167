#pragma once
// One scenario run's record in a results file, written and read in one
// place: the writer (`revbench run` / `compare`) turns a ScenarioRun into its
// entry of "runs", the report reads that entry back into a RunRecord. Every
// member is named once, for both directions.
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/load/latency_histogram.hpp"
#include "results/scenario_results.hpp"

namespace revbench::results {

// What one endpoint cost over the recorded phases of one run.
struct EndpointCost {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  double seconds = 0;  // recorded time the endpoint was measured over
  double redis_ops = 0;
  double pg_ops = 0;
  load::LatencyHistogram latency;  // corrected (from the intended send time)

  double throughput() const { return seconds > 0 ? static_cast<double>(requests) / seconds : 0; }
  double redis_per_request() const { return requests ? redis_ops / static_cast<double>(requests) : 0; }
  double pg_per_request() const { return requests ? pg_ops / static_cast<double>(requests) : 0; }
  void merge(const EndpointCost& other);  // another period: times add up
  void pool(const EndpointCost& other);   // the same period, another generator: times do not add
};

struct SecurityCounts {
  std::uint64_t revocations_probed = 0;
  std::uint64_t accepted_after_revoke = 0;
  std::uint64_t collateral_logouts = 0;
  std::uint64_t theft_detections = 0;
  std::uint64_t false_theft_detections = 0;
  // Revocations refused and then accepted again; only where the run failed
  // a primary over (a fault with failover_seconds), the one place it is measured.
  std::optional<std::uint64_t> revocations_lost;
};

struct Second {
  std::uint64_t requests = 0;
  std::uint64_t logins = 0;
  std::uint64_t errors = 0;
  double max_latency_seconds = 0;
};

// A store taken away during a phase (killed or stopped), and what the hot
// path answered while it was: what a strategy does when its store is gone.
struct StoreFault {
  std::string phase;
  std::string store;   // redis, postgres
  std::string action;  // kill, stop
  // GET /api/resource's answers in that phase, by outcome ("200", "503 store_unavailable").
  std::map<std::string, std::uint64_t> resource;
};

// One strategy x scenario run as a results file records it, read back.
struct RunRecord {
  std::string file;  // the results file it came from (its name, as given)
  std::string strategy;
  std::string scenario;
  std::string event;    // empty: the scenario revokes nothing
  std::string promise;  // contract::Promise's spelling; empty: the scenario revokes nothing
  std::string promise_note;
  double promise_bound_seconds = 0;  // within_bound
  bool everyone_logged_out = false;  // the promise's collateral
  std::string refresh_window;        // how long a superseded refresh token still refreshes; empty: none issued
  bool kept = true;
  std::string verdict_reason;
  double access_ttl_seconds = 0;
  int instances = 1;  // server instances it ran on
  std::optional<load::LatencyHistogram> revocation_lag;  // absent: nothing was revoked
  SecurityCounts security;
  std::map<std::string, EndpointCost> endpoints;  // by endpoint, recorded phases merged
  std::vector<Second> timeline;
  // The shaped links it ran through and their round trips as measured:
  // "server-redis 4.21 ms, client-server (instance 1) 2.1 ms"; empty: loopback.
  std::string network;
  // The stores it ran on when not one Redis and one PostgreSQL read at the
  // primaries: "Redis sentinel, min-replicas-to-write 1"; empty: those.
  std::string stores;
  std::vector<StoreFault> store_faults;  // a link's faults are in `network`'s runs, not here
  std::optional<PopulationRecord> population;  // none: stores holding only the actors' users
  double instances_ready_seconds = 0;            // 0: not measured (someone else's servers, older files)
  std::optional<long long> instance_rss_max_bytes;
};

// The writer: the run as its entry of the results file's "runs".
boost::json::object run_record_json(const ScenarioRun& run);
// A member of a results file that is missing or not what it should be,
// named by its path: "runs[3].verdict.kept: expected true or false".
class ResultsFieldError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The reader: an entry back into figures; `file` names the results file it
// is in, `where` the entry within it (runs[3]). Throws ResultsFieldError.
RunRecord run_record_from_json(const std::string& file, const boost::json::object& entry, const std::string& where = "run");
// The seconds of an entry's phases that were not recorded (warm-up).
double unrecorded_seconds(const boost::json::object& entry);
// The balancer in front of an entry's instances (topology.balancer); empty without one.
std::string balancer_of(const boost::json::object& entry);

}  // namespace revbench::results

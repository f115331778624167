#pragma once
// What a report is made of: the scenario runs of one or more results files
// (`revbench run` / `revbench compare`), read back into figures, with the
// repeats of each strategy x scenario grouped so every figure can be given
// as median and min–max over them.
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/load/latency_histogram.hpp"

namespace revbench::results::report {

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
};

struct Second {
  std::uint64_t requests = 0;
  std::uint64_t logins = 0;
  std::uint64_t errors = 0;
  double max_latency_seconds = 0;
};

// One strategy x scenario run of one results file.
struct Run {
  std::string file;  // the results file it came from (its name, as given)
  std::string strategy;
  std::string scenario;
  std::string event;    // empty: the scenario revokes nothing
  std::string promise;  // immediate, after_access_ttl, everyone_logged_out, not_applicable
  std::string promise_note;
  double promise_bound_seconds = 0;  // within_bound
  std::string refresh_window;        // how long a superseded refresh token still refreshes; empty: none issued
  bool kept = true;
  std::string verdict_reason;
  double access_ttl_seconds = 0;
  std::optional<load::LatencyHistogram> revocation_lag;  // absent: nothing was revoked
  SecurityCounts security;
  std::map<std::string, EndpointCost> endpoints;  // by endpoint, recorded phases merged
  std::vector<Second> timeline;
};

// Where a results file's figures came from, for the report's provenance.
struct Source {
  std::string file;
  std::string kind;
  std::string command;
  std::string started_at;
  std::string ended_at;
  std::vector<std::string> pooled_with;  // files that ran at the same time: one run from several generators
  bool complete = true;
  boost::json::object machine;
  std::vector<std::pair<std::string, double>> warmups;  // scenario -> unrecorded seconds
};

struct ResultsSet {
  std::vector<Source> sources;
  std::vector<Run> runs;
  std::vector<std::string> strategies;  // in order of first appearance
  std::vector<std::string> scenarios;   // likewise

  // Every repeat of a strategy x scenario, in file order; empty when it never ran.
  std::vector<const Run*> repeats(const std::string& strategy, const std::string& scenario) const;
};

// Reads results files of kind "run" or "compare". Files whose runs overlap
// in time came from load generators running side by side (h2load's workers,
// one process each): their runs of a strategy x scenario are pooled into one
// (requests and counters added, histograms merged). Files that ran one after
// the other are repeats. Throws std::runtime_error naming the file and what
// is wrong with it.
ResultsSet load_results(const std::vector<std::string>& paths);

// A figure over repeats.
struct Spread {
  double min = 0;
  double median = 0;
  double max = 0;
  std::size_t count = 0;
};
Spread spread_of(std::vector<double> values);

}  // namespace revbench::results::report

#pragma once
// Plays a scenario against one or more server instances: every actor is a
// coroutine on one io thread (actors read each other's sessions and marks,
// so one thread keeps that free of locks; `revbench load` is the tool for
// raw throughput). Requests go to instance (actor index mod instances), as a
// load balancer would spread users, or through a real one; thieves probe
// every instance, or through the balancer. The runner
// is the clock and the actors' loop; what each step does is its kind's
// (step_kinds.hpp).
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/latency_histogram.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/load/scenario_stats.hpp"

namespace revbench::load {

struct ScenarioProgress {
  double elapsed_seconds = 0;
  double total_seconds = 0;
  std::string phase;
  std::uint64_t requests = 0;  // in the last interval
  std::uint64_t errors = 0;
  double interval_seconds = 0;
  bool run_end = false;  // the rest of the run after the last whole interval, however short
  std::chrono::nanoseconds p99{0};  // corrected, last interval
  LatencyHistogram latency;              // corrected, last interval
  LatencyHistogram revocation_lag;       // lags measured in the last interval
  LatencyHistogram generator_lag;        // how late the actors' timers fired, the last interval
  // The same by phase and endpoint (the phases the results record), and lags by
  // the phase they ended in: what an interval log writes. Empty unless
  // ScenarioRunOptions::interval_histograms.
  std::map<std::pair<std::string, std::string>, LatencyHistogram> endpoint_latency;
  std::map<std::string, LatencyHistogram> lag_by_phase;
  std::uint64_t revocations_probed = 0;  // so far
  std::uint64_t accepted_after_revoke = 0;  // so far
  std::uint64_t collateral_logouts = 0;     // so far
};

struct ScenarioRunOptions {
  std::vector<HttpTarget> instances;
  // A load balancer in front of the instances: actors' ordinary requests
  // and thieves' probes go through it (slot instances.size() of an actor's
  // connections), each answer naming the instance that served it. Groups
  // pinned to an instance still talk to it directly.
  std::optional<HttpTarget> balancer;
  bool sticky_balancer = false;  // it keeps a client on one instance by a cookie
  // The instances, then the balancer: what an actor's connections are to.
  std::size_t slots() const { return instances.size() + (balancer ? 1 : 0); }
  const HttpTarget& target(std::size_t slot) const { return slot < instances.size() ? instances[slot] : *balancer; }
  std::string admin_token;
  // Credentials of the i-th user actor (0-based across the scenario's user groups).
  std::function<std::pair<std::string, std::string>(int)> credentials;
  const std::atomic<bool>* stop = nullptr;
  std::chrono::milliseconds progress_every{1000};
  std::function<void(const ScenarioProgress&)> on_progress;  // called on the runner's thread
  // Fill each interval's histograms by phase and endpoint, and its lags by
  // phase (an interval log reads them); off, an answer costs less.
  bool interval_histograms = false;
  // Called on the runner's thread as each phase starts, with the time it
  // ends (store faults last one phase). Must not block.
  std::function<void(const std::string& phase, std::chrono::steady_clock::time_point ends)> on_phase;
};

ScenarioStats run_scenario(const Scenario& scenario, const ScenarioRunOptions& options);

}  // namespace revbench::load

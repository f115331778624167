#pragma once
// Plays a scenario against one or more server instances: every actor is a
// coroutine on one io thread (actors read each other's sessions and marks,
// so one thread keeps that free of locks; `revbench load` is the tool for
// raw throughput). Requests go to instance (actor index mod instances), as a
// load balancer would spread users; thieves probe every instance. The runner
// is the clock and the actors' loop; what each step does is its kind's
// (step_kinds.hpp).
#include <atomic>
#include <chrono>
#include <functional>
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
  std::chrono::nanoseconds p99{0};  // corrected, last interval
  LatencyHistogram latency;              // corrected, last interval
  LatencyHistogram revocation_lag;       // lags measured in the last interval
  std::uint64_t revocations_probed = 0;  // so far
  std::uint64_t accepted_after_revoke = 0;  // so far
  std::uint64_t collateral_logouts = 0;     // so far
};

struct ScenarioRunOptions {
  std::vector<HttpTarget> instances;
  std::string admin_token;
  // Credentials of the i-th user actor (0-based across the scenario's user groups).
  std::function<std::pair<std::string, std::string>(int)> credentials;
  const std::atomic<bool>* stop = nullptr;
  std::chrono::milliseconds progress_every{1000};
  std::function<void(const ScenarioProgress&)> on_progress;  // called on the runner's thread
  // Called on the runner's thread as each phase starts, with the time it
  // ends (store faults last one phase). Must not block.
  std::function<void(const std::string& phase, std::chrono::steady_clock::time_point ends)> on_phase;
};

ScenarioStats run_scenario(const Scenario& scenario, const ScenarioRunOptions& options);

}  // namespace revbench::load

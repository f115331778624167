#pragma once
// What watches a session's runs as they play: the terminal's progress line,
// the load generator's own metrics, a Prometheus. Observers only watch: a
// run's figures never depend on who observed it.
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/scenario_runner.hpp"
#include "harness/session/run_place.hpp"

namespace revbench::session {

struct RunLabel {
  std::string strategy;
  std::string scenario;
  RunPlace place;
  // In a sweep, what it sweeps and this run's point of it ("store_rtt",
  // "10ms"); empty outside one.
  std::string sweep_axis;
  std::string sweep_point;
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // The run's servers are up (or, with --target, chosen); its actors start next.
  virtual void run_starting(const RunLabel& /*run*/, const std::vector<load::HttpTarget>& /*instances*/) {}
  // Whether it reads each interval's histograms by phase and endpoint
  // (ScenarioProgress::endpoint_latency, lag_by_phase): kept only when some
  // observer does, since keeping them is work on every answer.
  virtual bool wants_interval_histograms() const { return false; }
  // Each interval, on the runner's thread: must not block.
  virtual void progress(const RunLabel& /*run*/, const load::ScenarioProgress& /*progress*/) {}
  virtual void run_finished(const RunLabel& /*run*/) {}
};

}  // namespace revbench::session

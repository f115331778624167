#pragma once
// Keeps a scenario run's statistics: every answer into its phase and
// endpoint's histograms and outcomes, the per-second timeline, the store ops
// announced, and the progress window the observers read each interval. It
// only records; what an answer means for the session is the ledger's.
#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "harness/load/latency_histogram.hpp"
#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/scenario_clock.hpp"
#include "harness/load/scenario_stats.hpp"

namespace revbench::load {

struct ScenarioProgress;

class Recorder {
 public:
  using TimePoint = ScenarioClock::TimePoint;
  // `interval_histograms`: also keep each interval's histograms by phase and
  // endpoint and its lags by phase, for the progress (an interval log's).
  Recorder(const Scenario& scenario, const ScenarioClock& clock, bool interval_histograms);

  // One answer (or the lack of one). Thieves' requests are kept apart, under
  // "thief_<endpoint>"; a warm-up phase's only in the timeline and totals.
  void record(bool thief, std::string_view endpoint, TimePoint intended, TimePoint sent, TimePoint answered,
              const LoadResponse& response);
  // A timer that fired `late` after its time: the generator's own delay.
  void woke_late(Duration late) { generator_lag_window_.record(late); }
  // A probed revocation: the slowest instance's lag and the first refusal's reason.
  void revocation(Duration lag, const std::string& reason);

  SecurityCounters& security() { return stats_.security; }
  void note(std::string text) { stats_.note(std::move(text)); }
  void incomplete() { stats_.complete = false; }

  // What happened since the last call, for the observers; starts a new window.
  void fill_progress(ScenarioProgress& progress);
  // The run's statistics, its length measured to the last answer.
  ScenarioStats finish();

 private:
  const Scenario& scenario_;
  const ScenarioClock& clock_;
  bool interval_histograms_;
  ScenarioStats stats_;
  TimePoint last_answer_{};
  LatencyHistogram window_;
  LatencyHistogram lag_window_;
  LatencyHistogram generator_lag_window_;
  std::map<std::pair<std::string, std::string>, LatencyHistogram> endpoint_windows_;  // recorded phases only
  std::map<std::string, LatencyHistogram> lag_windows_;                                // by phase
  std::uint64_t window_errors_ = 0;
};

}  // namespace revbench::load

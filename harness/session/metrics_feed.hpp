#pragma once
// Feeds the load generator's own metrics (load/load_metrics.hpp, served on
// --metrics-port and scraped by --observe) from each run's progress.
#include "harness/load/load_metrics.hpp"
#include "harness/session/run_observer.hpp"

namespace revbench::session {

class MetricsFeed final : public RunObserver {
 public:
  explicit MetricsFeed(load::LoadMetrics& metrics) : metrics_(metrics) {}
  void run_starting(const RunLabel& run, const std::vector<load::HttpTarget>& instances) override;
  void progress(const RunLabel& run, const load::ScenarioProgress& progress) override;

 private:
  load::LoadMetrics& metrics_;
  // The run's totals so far: the metrics take what each interval added.
  std::uint64_t accepted_after_revoke_ = 0;
  std::uint64_t collateral_logouts_ = 0;
};

}  // namespace revbench::session

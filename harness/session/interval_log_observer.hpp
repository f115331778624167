#pragma once
// Writes a session's runs into an HdrHistogram interval log (--hlog-out):
// every interval, the corrected latency of each phase and endpoint the
// results record, and the revocation lags by phase, each line tagged with
// the strategy, scenario, sweep point, phase and endpoint (or
// measure=revocation_lag). A tag's intervals merged are the results file's
// histogram of the same name.
#include <string>
#include <utility>
#include <vector>

#include "harness/session/run_observer.hpp"
#include "results/hdr_interval_log.hpp"

namespace revbench::session {

class IntervalLogObserver final : public RunObserver {
 public:
  explicit IntervalLogObserver(results::HdrIntervalLog& log) : log_(log) {}
  bool wants_interval_histograms() const override { return true; }
  void progress(const RunLabel& run, const load::ScenarioProgress& progress) override;

 private:
  results::HdrIntervalLog& log_;
};

// The tag fields of a run's line: strategy, scenario, the sweep point if any, phase.
std::vector<std::pair<std::string, std::string>> run_tag_fields(const RunLabel& run, const std::string& phase);

}  // namespace revbench::session

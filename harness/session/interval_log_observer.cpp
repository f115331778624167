#include "harness/session/interval_log_observer.hpp"

namespace revbench::session {

std::vector<std::pair<std::string, std::string>> run_tag_fields(const RunLabel& run, const std::string& phase) {
  std::vector<std::pair<std::string, std::string>> fields{{"strategy", run.strategy}, {"scenario", run.scenario}};
  if (!run.sweep_axis.empty()) fields.emplace_back(run.sweep_axis, run.sweep_point);
  fields.emplace_back("phase", phase);
  return fields;
}

void IntervalLogObserver::progress(const RunLabel& run, const load::ScenarioProgress& p) {
  const auto length = std::chrono::duration<double>(p.interval_seconds);
  const auto end = std::chrono::system_clock::now();
  for (const auto& [key, histogram] : p.endpoint_latency) {
    auto fields = run_tag_fields(run, key.first);
    fields.emplace_back("endpoint", key.second);
    log_.interval(results::hdr_tag(fields), end, length, histogram);
  }
  for (const auto& [phase, histogram] : p.lag_by_phase) {
    auto fields = run_tag_fields(run, phase);
    fields.emplace_back("measure", "revocation_lag");
    log_.interval(results::hdr_tag(fields), end, length, histogram);
  }
}

}  // namespace revbench::session

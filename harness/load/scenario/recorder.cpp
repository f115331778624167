#include "harness/load/scenario/recorder.hpp"

#include <algorithm>

#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/scenario_runner.hpp"

namespace revbench::load {

Recorder::Recorder(const Scenario& scenario, const ScenarioClock& clock, bool interval_histograms)
    : scenario_(scenario), clock_(clock), interval_histograms_(interval_histograms) {}

void Recorder::record(bool thief, std::string_view endpoint, TimePoint intended, TimePoint sent, TimePoint answered,
                      const LoadResponse& response) {
  last_answer_ = std::max(last_answer_, answered);
  stats_.all_redis_ops += response.redis_ops;
  stats_.all_pg_ops += response.pg_ops;
  if (response.served_by > 0) {
    const auto instance = static_cast<std::size_t>(response.served_by);
    if (stats_.answers_by_instance.size() < instance) stats_.answers_by_instance.resize(instance, 0);
    ++stats_.answers_by_instance[instance - 1];
  }
  const bool ok = succeeded(response);
  const auto second = static_cast<std::size_t>(std::max<std::int64_t>(
      0, std::chrono::duration_cast<std::chrono::seconds>(answered - clock_.start()).count()));
  if (stats_.timeline.size() <= second) stats_.timeline.resize(second + 1);
  auto& tick = stats_.timeline[second];
  ++tick.requests;
  if (endpoint == "login") ++tick.logins;
  if (!ok) ++tick.errors;
  tick.max_latency = std::max<std::chrono::nanoseconds>(tick.max_latency, answered - intended);
  window_.record(answered - intended);
  if (!ok) ++window_errors_;

  const auto phase = clock_.phase_at(intended);
  if (!scenario_.phases.empty() && !scenario_.phases[phase].record) return;
  std::string outcome = response.status == 0 ? std::string("no_response") : std::to_string(response.status);
  if (response.status >= 400) {
    const auto reason = refusal_reason(response);
    if (!reason.empty()) outcome += " " + reason;
  }
  std::pair<std::string, std::string> key{scenario_.phases.empty() ? std::string("run") : scenario_.phases[phase].name,
                                         (thief ? "thief_" : "") + std::string(endpoint)};
  if (interval_histograms_) endpoint_windows_[key].record(answered - intended);
  auto& s = stats_.endpoints[std::move(key)];
  s.corrected.record(answered - intended);
  s.uncorrected.record(answered - sent);
  ++s.outcomes[outcome];
  s.redis_ops += response.redis_ops;
  s.pg_ops += response.pg_ops;
}

void Recorder::revocation(Duration lag, const std::string& reason) {
  stats_.revocation_lag.record(lag);
  lag_window_.record(lag);
  if (interval_histograms_)
    lag_windows_[scenario_.phases.empty() ? std::string("run") : scenario_.phases[clock_.phase_at(ScenarioClock::Clock::now())].name]
        .record(lag);
  ++stats_.rejection_reasons[reason];
  ++stats_.security.probes;
}

void Recorder::fill_progress(ScenarioProgress& p) {
  p.requests = window_.count();
  p.errors = window_errors_;
  p.p99 = window_.percentile(99);
  p.latency = window_;
  p.revocation_lag = lag_window_;
  p.generator_lag = generator_lag_window_;
  generator_lag_window_.reset();
  p.endpoint_latency = std::move(endpoint_windows_);
  p.lag_by_phase = std::move(lag_windows_);
  endpoint_windows_.clear();
  lag_windows_.clear();
  p.revocations_probed = stats_.security.probes;
  p.accepted_after_revoke = stats_.security.accepted_after_revoke;
  p.collateral_logouts = stats_.security.collateral_logouts;
  window_.reset();
  lag_window_.reset();
  window_errors_ = 0;
}

ScenarioStats Recorder::finish() {
  stats_.seconds = std::chrono::duration<double>(last_answer_ - clock_.start()).count();
  return std::move(stats_);
}

}  // namespace revbench::load

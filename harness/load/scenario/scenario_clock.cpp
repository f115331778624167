#include "harness/load/scenario/scenario_clock.hpp"

namespace revbench::load {

ScenarioClock::ScenarioClock(const Scenario& scenario, TimePoint start, Duration longest_give_up)
    : scenario_(scenario), start_(start) {
  auto at = start;
  for (const auto& phase : scenario.phases) {
    phase_starts_.push_back(at);
    at += phase.duration;
  }
  phases_end_ = at;
  hard_end_ = phases_end_ + longest_give_up + std::chrono::seconds(2);
}

std::size_t ScenarioClock::phase_at(TimePoint when) const {
  std::size_t phase = 0;
  for (std::size_t i = 0; i < phase_starts_.size(); ++i)
    if (when >= phase_starts_[i]) phase = i;
  return phase;
}

ScenarioClock::TimePoint ScenarioClock::phase_end(std::size_t phase) const {
  return phase + 1 < phase_starts_.size() ? phase_starts_[phase + 1] : phases_end_;
}

ScenarioClock::TimePoint ScenarioClock::phase_start(const std::string& name) const {
  for (std::size_t i = 0; i < scenario_.phases.size(); ++i)
    if (scenario_.phases[i].name == name) return phase_starts_[i];
  return phases_end_;
}

ScenarioClock::TimePoint ScenarioClock::phase_end(const std::string& name) const {
  for (std::size_t i = 0; i < scenario_.phases.size(); ++i)
    if (scenario_.phases[i].name == name) return phase_end(i);
  return phases_end_;
}

}  // namespace revbench::load

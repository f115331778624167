#pragma once
// The run's one clock: when it starts, when each phase starts and ends, and
// the hard end after which nothing waits any longer (the last phase plus the
// longest give-up of any step, so a probe started late still finishes).
#include <chrono>
#include <string>
#include <vector>

#include "harness/load/scenario/plan.hpp"

namespace revbench::load {

class ScenarioClock {
 public:
  using Clock = std::chrono::steady_clock;
  using TimePoint = Clock::time_point;

  ScenarioClock(const Scenario& scenario, TimePoint start, Duration longest_give_up);

  TimePoint start() const { return start_; }
  TimePoint phases_end() const { return phases_end_; }
  TimePoint hard_end() const { return hard_end_; }

  // The phase running at `when` (the first before the start, the last after the end).
  std::size_t phase_at(TimePoint when) const;
  TimePoint phase_start(std::size_t phase) const { return phase_starts_[phase]; }
  TimePoint phase_end(std::size_t phase) const;
  // By name; "end" (or an unknown name) is the end of the last phase.
  TimePoint phase_start(const std::string& name) const;
  TimePoint phase_end(const std::string& name) const;

 private:
  const Scenario& scenario_;
  TimePoint start_;
  std::vector<TimePoint> phase_starts_;
  TimePoint phases_end_;
  TimePoint hard_end_;
};

}  // namespace revbench::load

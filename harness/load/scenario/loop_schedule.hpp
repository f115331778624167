#pragma once
// How often a looping step runs: open loop when `rate` is set (latency from
// the intended send time), otherwise back to back with `think` between; and
// when each iteration of such a loop is due.
#include <chrono>
#include <optional>
#include <string>

#include "harness/load/scenario/plan.hpp"

namespace revbench::load {

struct Loop {
  int repeat = 1;                      // when neither `for_` nor `until_phase` is set
  std::optional<Duration> for_;        // run for this long
  std::optional<std::string> until_phase;  // until this phase ends ("end": until the last one ends)
  double rate = 0;                     // requests per second, this actor
  Duration think{0};
};

class LoopSchedule {
 public:
  using Clock = std::chrono::steady_clock;
  // Starts now; `deadline` (from for_ or until_phase) ends it, else `repeat` does.
  LoopSchedule(const Loop& loop, std::optional<Clock::time_point> deadline);
  // When the next iteration is due, or nothing when the loop is over.
  std::optional<Clock::time_point> next();

 private:
  Clock::time_point start_;
  std::optional<Clock::time_point> deadline_;
  int remaining_ = 1;
  Duration interval_{0};
  long iteration_ = 0;
};

}  // namespace revbench::load

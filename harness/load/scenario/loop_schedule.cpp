#include "harness/load/scenario/loop_schedule.hpp"

namespace revbench::load {

LoopSchedule::LoopSchedule(const Loop& loop, std::optional<Clock::time_point> deadline)
    : start_(Clock::now()), deadline_(deadline), remaining_(loop.repeat) {
  if (loop.for_) deadline_ = start_ + *loop.for_;
  if (loop.rate > 0) interval_ = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(1.0 / loop.rate));
}

std::optional<LoopSchedule::Clock::time_point> LoopSchedule::next() {
  const auto intended = interval_.count() > 0 ? start_ + interval_ * iteration_ : Clock::now();
  ++iteration_;
  if (deadline_) return intended < *deadline_ ? std::optional(intended) : std::nullopt;
  return remaining_-- > 0 ? std::optional(intended) : std::nullopt;
}

}  // namespace revbench::load

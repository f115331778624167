#pragma once
// When the n-th request of an open-loop run is due: a constant rate, or
// stages that ramp the rate linearly from one target to the next (k6's
// ramping-arrival-rate). Due times come from the integral of the rate, so a
// ramp sends exactly the requests its rate curve promises.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace revbench::load {

struct RateStage {
  std::chrono::milliseconds duration{0};
  double target_rate = 0;  // requests per second at the end of the stage
};

class ArrivalSchedule {
 public:
  // No stages: `start_rate` for ever. Stages: from `start_rate`, each one
  // ramps to its target over its duration; nothing is due after the last.
  ArrivalSchedule(double start_rate, std::vector<RateStage> stages);

  // Seconds after the start at which request n (from 0) is due; infinity
  // when the stages end first.
  double seconds_of(std::uint64_t n) const;
  // How many requests are due before `seconds`.
  double requests_by(double seconds) const;
  // Sum of the stages (zero without stages).
  std::chrono::milliseconds duration() const;

  // "10s:1000,30s:5000,10s:0" — throws std::invalid_argument naming the bad stage.
  static std::vector<RateStage> parse_stages(const std::string& text);

 private:
  struct Segment {
    double begin_seconds;
    double begin_count;
    double length_seconds;
    double from_rate;
    double to_rate;
    double count() const { return (from_rate + to_rate) / 2 * length_seconds; }
  };
  double start_rate_;
  std::vector<Segment> segments_;
};

}  // namespace revbench::load

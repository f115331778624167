#include "harness/load/arrival_schedule.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "harness/contract/duration.hpp"

namespace revbench::load {

ArrivalSchedule::ArrivalSchedule(double start_rate, std::vector<RateStage> stages) : start_rate_(start_rate) {
  if (start_rate < 0 || !std::isfinite(start_rate)) throw std::invalid_argument("the start rate must be 0 or more");
  if (stages.empty() && start_rate <= 0) throw std::invalid_argument("a constant rate must be above 0");
  double at = 0;
  double count = 0;
  double rate = start_rate;
  for (const auto& stage : stages) {
    const double length = std::chrono::duration<double>(stage.duration).count();
    if (length <= 0 || stage.target_rate < 0 || !std::isfinite(stage.target_rate))
      throw std::invalid_argument("a stage needs a positive duration and a rate of 0 or more");
    segments_.push_back({at, count, length, rate, stage.target_rate});
    at += length;
    count += segments_.back().count();
    rate = stage.target_rate;
  }
}

double ArrivalSchedule::seconds_of(std::uint64_t n) const {
  const double wanted = static_cast<double>(n);
  if (segments_.empty()) return wanted / start_rate_;
  for (const auto& s : segments_) {
    const double c = wanted - s.begin_count;
    if (c >= s.count()) continue;
    // Requests due by t into the segment: a t + k t^2 / 2, with k the ramp's slope.
    const double a = s.from_rate;
    const double k = (s.to_rate - s.from_rate) / s.length_seconds;
    const double t = std::abs(k) < 1e-12 ? c / a : (-a + std::sqrt(std::max(0.0, a * a + 2 * k * c))) / k;
    return s.begin_seconds + std::min(t, s.length_seconds);
  }
  return std::numeric_limits<double>::infinity();
}

double ArrivalSchedule::requests_by(double seconds) const {
  if (segments_.empty()) return std::max(0.0, seconds) * start_rate_;
  double due = 0;
  for (const auto& s : segments_) {
    const double t = std::clamp(seconds - s.begin_seconds, 0.0, s.length_seconds);
    const double k = (s.to_rate - s.from_rate) / s.length_seconds;
    due += s.from_rate * t + k * t * t / 2;
  }
  return due;
}

std::chrono::milliseconds ArrivalSchedule::duration() const {
  double total = 0;
  for (const auto& s : segments_) total += s.length_seconds;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(total * 1000)));
}

std::vector<RateStage> ArrivalSchedule::parse_stages(const std::string& text) {
  std::vector<RateStage> stages;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    const auto colon = item.find(':');
    try {
      if (colon == std::string::npos) throw std::invalid_argument("no colon");
      const auto length = contract::parse_duration(item.substr(0, colon));
      if (!length) throw std::invalid_argument("duration");
      const std::string rate = item.substr(colon + 1);
      std::size_t used = 0;
      const double target = std::stod(rate, &used);
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*length);
      if (used != rate.size() || ms.count() <= 0 || target < 0) throw std::invalid_argument("range");
      stages.push_back({ms, target});
    } catch (const std::exception&) {
      throw std::invalid_argument("stage '" + item + "': expected DURATION:RATE, like 10s:1000 (ramp to 1000 req/s over 10 s)");
    }
  }
  if (stages.empty()) throw std::invalid_argument("no stages in '" + text + "'");
  return stages;
}

}  // namespace revbench::load

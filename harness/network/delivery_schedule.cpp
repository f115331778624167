#include "harness/network/delivery_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace revbench::network {
namespace {

// Pareto's shape: 3 has a finite variance and still a tail that reaches ten
// times the mean now and then.
constexpr double pareto_shape = 3.0;

}  // namespace

DeliverySchedule::DeliverySchedule(const DirectionShape& shape, std::uint64_t seed) : shape_(shape), random_(seed) {}

std::chrono::nanoseconds DeliverySchedule::sample_latency() {
  const double base = static_cast<double>(shape_.latency.count());
  const double jitter = static_cast<double>(shape_.jitter.count());
  if (jitter == 0) return shape_.latency;
  double sampled = base;
  if (shape_.distribution == Jitter::normal) {
    sampled += std::normal_distribution<double>(0.0, jitter)(random_);
  } else {
    // Pareto with scale m has mean m*a/(a-1); less its scale, the extra delay
    // has mean m/(a-1), which is the jitter when m = jitter*(a-1).
    const double scale = jitter * (pareto_shape - 1);
    const double uniform = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
    sampled += scale * (std::pow(1.0 - uniform, -1.0 / pareto_shape) - 1.0);
  }
  return std::chrono::nanoseconds(std::llround(std::clamp(sampled, 0.0, 1e15)));
}

DeliverySchedule::Clock::time_point DeliverySchedule::deliver_at(Clock::time_point arrival, std::size_t bytes,
                                                                 std::chrono::nanoseconds added) {
  auto sent = arrival;
  if (shape_.bandwidth != 0) {
    const auto on_the_wire = std::chrono::nanoseconds(
        static_cast<std::int64_t>(static_cast<double>(bytes) * 1e9 / static_cast<double>(shape_.bandwidth)));
    sent = std::max(arrival, wire_free_) + on_the_wire;
    wire_free_ = sent;
  }
  last_delivery_ = std::max(last_delivery_, sent + sample_latency() + added);
  return last_delivery_;
}

}  // namespace revbench::network

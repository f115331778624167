#include "harness/network/delivery_schedule.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace revbench::network {
namespace {

using namespace std::chrono_literals;
using Clock = DeliverySchedule::Clock;

struct Moments {
  double mean = 0;
  double sd = 0;
};

Moments of(const std::vector<double>& xs) {
  Moments m;
  for (const double x : xs) m.mean += x;
  m.mean /= static_cast<double>(xs.size());
  for (const double x : xs) m.sd += (x - m.mean) * (x - m.mean);
  m.sd = std::sqrt(m.sd / static_cast<double>(xs.size() - 1));
  return m;
}

std::vector<double> samples(DirectionShape shape, int n, std::uint64_t seed = 7) {
  DeliverySchedule schedule(shape, seed);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) xs.push_back(static_cast<double>(schedule.sample_latency().count()));
  return xs;
}

TEST(DeliverySchedule, AFixedLatencyDelaysEveryChunkByItExactly) {
  DeliverySchedule schedule({.latency = 300us}, 1);
  const auto t0 = Clock::now();
  for (int i = 0; i < 100; ++i) {
    const auto arrival = t0 + i * 1ms;
    EXPECT_EQ(schedule.deliver_at(arrival, 100), arrival + 300us);
  }
  EXPECT_EQ(schedule.deliver_at(t0 + 1s, 100, 50ms), t0 + 1s + 300us + 50ms);  // a slow fault adds
}

TEST(DeliverySchedule, NormalJitterHasTheGivenMeanAndSpread) {
  const auto m = of(samples({.latency = 2ms, .jitter = 200us}, 100'000));
  EXPECT_NEAR(m.mean, 2e6, 2e6 * 0.005);
  EXPECT_NEAR(m.sd, 2e5, 2e5 * 0.02);
}

TEST(DeliverySchedule, NormalJitterNeverMakesADelayNegative) {
  const auto xs = samples({.latency = 100us, .jitter = 1ms}, 10'000);
  EXPECT_GE(*std::min_element(xs.begin(), xs.end()), 0.0);
  EXPECT_GT(std::count(xs.begin(), xs.end(), 0.0), 1000);  // clamped, not redrawn
}

TEST(DeliverySchedule, ParetoJitterAddsADelayWhoseMeanIsTheJitterWithAHeavyTail) {
  const auto xs = samples({.latency = 1ms, .jitter = 500us, .distribution = Jitter::pareto}, 200'000);
  EXPECT_GE(*std::min_element(xs.begin(), xs.end()), 1e6);  // it only ever adds
  const auto m = of(xs);
  EXPECT_NEAR(m.mean - 1e6, 5e5, 5e5 * 0.03);
  auto sorted = xs;
  std::sort(sorted.begin(), sorted.end());
  const double median_extra = sorted[sorted.size() / 2] - 1e6;
  const double p999_extra = sorted[sorted.size() * 999 / 1000] - 1e6;
  EXPECT_LT(median_extra, 5e5);          // most samples are below the mean...
  EXPECT_GT(p999_extra, 10 * median_extra);  // ...and a few far above it
}

TEST(DeliverySchedule, TheSameSeedDrawsTheSameDelays) {
  const DirectionShape shape{.latency = 1ms, .jitter = 300us};
  EXPECT_EQ(samples(shape, 100, 42), samples(shape, 100, 42));
  EXPECT_NE(samples(shape, 100, 42), samples(shape, 100, 43));
}

TEST(DeliverySchedule, JitterNeverReordersAStream) {
  DeliverySchedule schedule({.latency = 1ms, .jitter = 2ms, .distribution = Jitter::pareto}, 3);
  const auto t0 = Clock::now();
  auto last = Clock::time_point::min();
  int held_back = 0;
  for (int i = 0; i < 10'000; ++i) {
    const auto arrival = t0 + i * 10us;
    const auto at = schedule.deliver_at(arrival, 10);
    EXPECT_GE(at, last);
    EXPECT_GE(at, arrival + 1ms);
    if (at == last) ++held_back;
    last = at;
  }
  EXPECT_GT(held_back, 0);  // some chunks waited for a slower one before them
}

TEST(DeliverySchedule, BandwidthSpacesChunksByTheirSize) {
  DeliverySchedule schedule({.latency = 1ms, .bandwidth = 1'000'000}, 1);  // 1 MB/s: 1 us per byte
  const auto t0 = Clock::now();
  // 1 MB read at once in 4 KiB pieces takes a second to leave.
  Clock::time_point at;
  std::size_t sent = 0;
  while (sent < 1'000'000) {
    const std::size_t piece = std::min<std::size_t>(4096, 1'000'000 - sent);
    at = schedule.deliver_at(t0, piece);
    sent += piece;
  }
  EXPECT_NEAR(std::chrono::duration<double>(at - t0).count(), 1.001, 1e-6);
  // An idle wire does not bank credit: a chunk long after costs only its own time.
  EXPECT_EQ(schedule.deliver_at(t0 + 10s, 1000), t0 + 10s + 1ms + 1ms);
}

}  // namespace
}  // namespace revbench::network

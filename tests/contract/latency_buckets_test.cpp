// The latency buckets every exported histogram shares.
#include "harness/contract/latency_buckets.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace revbench::contract {
namespace {

TEST(LatencyBuckets, StepAboutAQuarterFrom25MicrosecondsTo10Seconds) {
  const auto bounds = latency_bucket_bounds();
  ASSERT_EQ(bounds.size(), 57U);  // 6 steps in the 10 µs decade, 10 in each of five more, and 10 s
  EXPECT_EQ(bounds.front(), 25e-6);
  EXPECT_EQ(bounds.back(), 10.0);
  for (std::size_t i = 1; i < bounds.size(); ++i) {
    const double step = bounds[i] / bounds[i - 1];
    EXPECT_GE(step, 1.2) << bounds[i - 1] << " -> " << bounds[i];
    EXPECT_LE(step, 1.28) << bounds[i - 1] << " -> " << bounds[i];
  }
}

// What the report ranks stays apart: p99s spread as the reference results'
// loopback ones are (0.5 to 1 ms, which the old 0.5/1 ms bounds held in one
// bucket) fall in different buckets whenever they differ by more than a step.
TEST(LatencyBuckets, KeepApartP99sThatDifferByMoreThanAStep) {
  const auto bounds = latency_bucket_bounds();
  const auto bucket = [&](double seconds) { return std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin(); };
  const double p99s[] = {0.000512, 0.000561, 0.000640, 0.000705, 0.000811, 0.000889, 0.000995};
  for (const double a : p99s)
    for (const double b : p99s)
      if (b > a * 1.28) {
        EXPECT_NE(bucket(a), bucket(b)) << a << " and " << b << " share a bucket";
      }
  EXPECT_EQ(bucket(0.0005), bucket(0.000501) - 1) << "a bound is its own bucket's top (le)";
}

// Printed as written: Prometheus's `le` labels read 0.000125, not 0.00012500000000000001.
TEST(LatencyBuckets, BoundsAreTheDoublesNearestTheirDecimals) {
  const auto bounds = latency_bucket_bounds();
  EXPECT_NE(std::find(bounds.begin(), bounds.end(), 0.000125), bounds.end());
  EXPECT_NE(std::find(bounds.begin(), bounds.end(), 0.001), bounds.end());
  EXPECT_NE(std::find(bounds.begin(), bounds.end(), 0.0063), bounds.end());
}

}  // namespace
}  // namespace revbench::contract

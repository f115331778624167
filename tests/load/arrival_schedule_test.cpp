// The open-loop arrival schedule: due times are the inverse of the rate's
// integral, so a ramp sends exactly what its rate curve promises.
#include <gtest/gtest.h>

#include <cmath>

#include "harness/load/arrival_schedule.hpp"

namespace revbench::load {
namespace {

using std::chrono::seconds;

TEST(ArrivalSchedule, ConstantRateSpacesRequestsEvenly) {
  const ArrivalSchedule s(1000, {});
  EXPECT_DOUBLE_EQ(s.seconds_of(0), 0.0);
  EXPECT_DOUBLE_EQ(s.seconds_of(1), 0.001);
  EXPECT_DOUBLE_EQ(s.seconds_of(5000), 5.0);
  EXPECT_DOUBLE_EQ(s.requests_by(2.5), 2500.0);
}

TEST(ArrivalSchedule, RampFromZeroSendsTheAreaUnderTheRate) {
  const ArrivalSchedule s(0, {{seconds(10), 100}});  // 0 -> 100 req/s over 10 s: 500 requests
  EXPECT_DOUBLE_EQ(s.requests_by(10), 500.0);
  EXPECT_DOUBLE_EQ(s.requests_by(5), 125.0);          // a quarter of the area by half time
  EXPECT_NEAR(s.seconds_of(125), 5.0, 1e-9);
  EXPECT_NEAR(s.seconds_of(0), 0.0, 1e-12);
  EXPECT_LT(s.seconds_of(499), 10.0);
  EXPECT_TRUE(std::isinf(s.seconds_of(500)));          // the stages are over
  EXPECT_EQ(s.duration(), seconds(10));
}

TEST(ArrivalSchedule, StagesChainAndRampDown) {
  // 200 -> 400 over 2 s (600), hold 400 for 1 s (400), 400 -> 0 over 2 s (400).
  const ArrivalSchedule s(200, {{seconds(2), 400}, {seconds(1), 400}, {seconds(2), 0}});
  EXPECT_DOUBLE_EQ(s.requests_by(2), 600.0);
  EXPECT_DOUBLE_EQ(s.requests_by(3), 1000.0);
  EXPECT_DOUBLE_EQ(s.requests_by(5), 1400.0);
  EXPECT_NEAR(s.seconds_of(600), 2.0, 1e-9);
  EXPECT_NEAR(s.seconds_of(800), 2.5, 1e-9);
  EXPECT_NEAR(s.seconds_of(1300), 4.0, 1e-9);  // 400 -> 0: 300 requests in the first second
  // seconds_of inverts requests_by everywhere, and due times never go back.
  double previous = -1;
  for (std::uint64_t n = 0; n < 1400; n += 7) {
    const double t = s.seconds_of(n);
    EXPECT_GE(t, previous);
    EXPECT_NEAR(s.requests_by(t), static_cast<double>(n), 1e-6) << n;
    previous = t;
  }
}

TEST(ArrivalSchedule, ParsesK6StyleStages) {
  const auto stages = ArrivalSchedule::parse_stages("10s:1000,500ms:50,1m:0");
  ASSERT_EQ(stages.size(), 3u);
  EXPECT_EQ(stages[0].duration, seconds(10));
  EXPECT_DOUBLE_EQ(stages[0].target_rate, 1000);
  EXPECT_EQ(stages[1].duration, std::chrono::milliseconds(500));
  EXPECT_EQ(stages[2].duration, seconds(60));
  for (const char* bad : {"", "10:100", "10s", "10s:fast", "-1s:100", "10s:-5", "10x:1"})
    EXPECT_THROW(ArrivalSchedule::parse_stages(bad), std::invalid_argument) << bad;
  EXPECT_THROW(ArrivalSchedule(0, {}), std::invalid_argument);  // a constant rate of nothing
}

}  // namespace
}  // namespace revbench::load

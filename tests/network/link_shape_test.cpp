#include "harness/network/link_shape.hpp"
#include "harness/network/link_tier.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace revbench::network {
namespace {

using namespace std::chrono_literals;

TEST(LinkShapeGrammar, ARoundTripIsSplitEvenlyOverBothDirections) {
  const auto parsed = parse_link_shape("1ms");
  ASSERT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.shape.up.latency, 500us);
  EXPECT_EQ(parsed.shape.down.latency, 500us);
  EXPECT_EQ(parsed.shape.up.jitter, 0ns);
  EXPECT_EQ(parsed.shape.up.bandwidth, 0u);
  // An odd nanosecond goes one way, not nowhere.
  const auto odd = parse_link_shape("3ns").shape;
  EXPECT_EQ(odd.up.latency + odd.down.latency, 3ns);
}

TEST(LinkShapeGrammar, JitterIsTheRoundTripsSpread) {
  for (const char* text : {"1ms±200us", "1ms+-200us"}) {
    const auto parsed = parse_link_shape(text);
    ASSERT_EQ(parsed.error, "") << text;
    // Two independent directions of sd j/sqrt(2) add up to a round trip of sd j.
    const double per_direction = static_cast<double>(parsed.shape.up.jitter.count());
    EXPECT_NEAR(std::sqrt(2 * per_direction * per_direction), 200'000, 1) << text;
    EXPECT_EQ(parsed.shape.up.distribution, Jitter::normal);
  }
  const auto pareto = parse_link_shape("40ms±5ms,pareto").shape;
  EXPECT_EQ(pareto.up.distribution, Jitter::pareto);
  EXPECT_EQ(pareto.up.jitter + pareto.down.jitter, 5ms);  // means add up
}

TEST(LinkShapeGrammar, ABandwidthInBytesOrBitsPerSecond) {
  EXPECT_EQ(parse_bandwidth("10MB/s"), 10'000'000u);
  EXPECT_EQ(parse_bandwidth("512KiB/s"), 524'288u);
  EXPECT_EQ(parse_bandwidth("100Mbit/s"), 12'500'000u);
  EXPECT_EQ(parse_bandwidth("1.5GB/s"), 1'500'000'000u);
  for (const char* wrong : {"10", "10MB", "MB/s", "-1MB/s", "0MB/s", "10mb/s", "1e3B/s"}) EXPECT_EQ(parse_bandwidth(wrong), 0u) << wrong;
  const auto shaped = parse_link_shape("1ms,100Mbit/s").shape;
  EXPECT_EQ(shaped.up.bandwidth, 12'500'000u);
  EXPECT_EQ(shaped.down.bandwidth, 12'500'000u);
}

TEST(LinkShapeGrammar, WrongTextSaysWhichPart) {
  struct Case {
    const char* text;
    const char* said;
  };
  for (const auto& [text, said] : {Case{"", "is not a round trip"}, Case{"1 ms", "is not a round trip"},
                                   Case{"soon", "'soon' is not a round trip"}, Case{"1ms±", "is not a jitter"},
                                   Case{"1ms±lots", "'lots' is not a jitter"}, Case{"1ms,", "'' is neither"},
                                   Case{"1ms,gaussian", "'gaussian' is neither"}, Case{"1ms,pareto", "a distribution without a jitter"},
                                   Case{"1ms±1us,pareto,normal", "distribution is given twice"},
                                   Case{"1ms,1MB/s,2MB/s", "bandwidth is given twice"}}) {
    const auto parsed = parse_link_shape(text);
    EXPECT_NE(parsed.error.find(said), std::string::npos) << "'" << text << "' gave: " << parsed.error;
  }
}

TEST(LinkShapeGrammar, AZeroShapeIsBypassable) {
  EXPECT_TRUE(parse_link_shape("0ms").shape.is_zero());
  EXPECT_TRUE(parse_link_shape("0").error.empty()) << "a bare 0 needs no unit";
  EXPECT_TRUE(parse_link_shape("0").shape.is_zero());
  EXPECT_FALSE(parse_link_shape("1").error.empty()) << "any other figure does";
  EXPECT_EQ(parse_link_shape("250us").shape.round_trip_time(), std::chrono::microseconds(250));
  EXPECT_FALSE(parse_link_shape("0ms,1MB/s").shape.is_zero());
  EXPECT_EQ(describe(parse_link_shape("0ms").shape), "none");
  EXPECT_EQ(describe(parse_link_shape("2ms").shape), "up 1ms, down 1ms");
}

TEST(LinkSetting, NamesATierAndAShape) {
  const auto parsed = parse_link_setting("subscriber-redis=40ms±5ms,pareto");
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  EXPECT_EQ(parsed.setting.tier, Tier::subscriber_redis);
  EXPECT_EQ(parsed.setting.shape.up.latency, std::chrono::milliseconds(20));
  EXPECT_EQ(parsed.setting.shape.up.distribution, Jitter::pareto);
  EXPECT_EQ(parsed.setting.text, "subscriber-redis=40ms±5ms,pareto");
  for (const auto tier : all_tiers()) EXPECT_EQ(tier_named(tier_name(tier)), tier);
}

TEST(LinkSetting, SaysWhatIsWrong) {
  EXPECT_NE(parse_link_setting("server-redis").error.find("TIER=SHAPE"), std::string::npos);
  const auto unknown = parse_link_setting("redis=1ms").error;
  EXPECT_NE(unknown.find("unknown tier 'redis'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("server-postgres"), std::string::npos) << unknown;
  EXPECT_NE(parse_link_setting("client-server=soon").error.find("'soon' is not a round trip"), std::string::npos);
}

}  // namespace
}  // namespace revbench::network

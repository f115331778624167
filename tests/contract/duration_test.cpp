// The one duration grammar: every unit, a token's lifetime in days among
// them (report --production's refresh_ttl=14d), and what it refuses.
#include "harness/contract/duration.hpp"

#include <gtest/gtest.h>

namespace revbench::contract {
namespace {

using std::chrono::nanoseconds;

TEST(Duration, EveryUnitFromNanosecondsToDays) {
  EXPECT_EQ(parse_duration("1500ns"), nanoseconds(1500));
  EXPECT_EQ(parse_duration("250us"), std::chrono::microseconds(250));
  EXPECT_EQ(parse_duration("250µs"), std::chrono::microseconds(250));
  EXPECT_EQ(parse_duration("20ms"), std::chrono::milliseconds(20));
  EXPECT_EQ(parse_duration("2s"), std::chrono::seconds(2));
  EXPECT_EQ(parse_duration("1.5m"), std::chrono::seconds(90));
  EXPECT_EQ(parse_duration("1h"), std::chrono::hours(1));
  EXPECT_EQ(parse_duration("14d"), std::chrono::hours(14 * 24));
  EXPECT_EQ(seconds_per_unit("d"), 86400.0);
}

TEST(Duration, RefusesWhatIsNoDuration) {
  for (const char* text : {"", "10", "soon", "-1s", "1w", "1 s", "s", "1e3s"}) EXPECT_FALSE(parse_duration(text)) << text;
  EXPECT_EQ(parse_duration_or_number("10", "ms"), std::chrono::milliseconds(10));
}

}  // namespace
}  // namespace revbench::contract

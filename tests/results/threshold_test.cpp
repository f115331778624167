#include "results/threshold.hpp"

#include <gtest/gtest.h>

namespace revbench::results {
namespace {

TEST(Threshold, ParsesMetricOperatorValueAndUnit) {
  const auto t = parse_threshold("p99<5ms");
  EXPECT_EQ(t.metric, "p99");
  EXPECT_EQ(t.op, "<");
  EXPECT_DOUBLE_EQ(t.value, 0.005);
  EXPECT_DOUBLE_EQ(parse_threshold("p99.9 <= 250us").value, 0.00025);
  EXPECT_EQ(parse_threshold("accepted_after_revoke==0").op, "==");
  EXPECT_DOUBLE_EQ(parse_threshold("error_rate<1%").value, 0.01);
  EXPECT_DOUBLE_EQ(parse_threshold("throughput>=900").value, 900);
}

TEST(Threshold, BadThresholdsSayWhatIsWrong) {
  for (const char* bad : {"p99", "p99<", "<5ms", "p99<5parsecs", "p99<fast"}) {
    try {
      parse_threshold(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(Threshold, ViolationsNameTheThresholdAndTheValue) {
  const std::map<std::string, double> metrics{{"p99", 0.004}, {"errors", 2}, {"throughput", 950}};
  EXPECT_TRUE(violations({parse_threshold("p99<5ms"), parse_threshold("throughput>=900")}, metrics).empty());
  const auto failed = violations({parse_threshold("p99<1ms"), parse_threshold("errors==0"), parse_threshold("p42<1")}, metrics);
  ASSERT_EQ(failed.size(), 3U);
  EXPECT_NE(failed[0].find("'p99<1ms' violated: p99 = 0.004"), std::string::npos) << failed[0];
  EXPECT_NE(failed[1].find("errors = 2"), std::string::npos);
  EXPECT_NE(failed[2].find("no metric 'p42'"), std::string::npos);
}

}  // namespace
}  // namespace revbench::results

// The distribution-free interval of a median, as scripts/ratio_interval.py gives it.
#include "results/median_interval.hpp"

#include <gtest/gtest.h>

namespace revbench::results {
namespace {

TEST(MedianInterval, FewerThanSixValuesHaveNoneAt95Percent) {
  EXPECT_FALSE(median_interval({1, 2, 3, 4, 5}));
  const auto six = median_interval({6, 1, 5, 2, 4, 3});
  ASSERT_TRUE(six);  // P(all six on one side of the median) = 2/64 < 5%
  EXPECT_EQ(*six, std::pair(1.0, 6.0));
}

TEST(MedianInterval, NarrowsAsValuesAccumulate) {
  // n = 10: [x(2), x(9)] holds the median with 1 - 2 * 11/1024 = 97.9%; [x(3), x(8)] only 89%.
  const auto ten = median_interval({10, 9, 8, 7, 6, 5, 4, 3, 2, 1});
  ASSERT_TRUE(ten);
  EXPECT_EQ(*ten, std::pair(2.0, 9.0));
  // n = 20: x(6) to x(15) (95.9%).
  std::vector<double> twenty;
  for (int i = 1; i <= 20; ++i) twenty.push_back(i);
  EXPECT_EQ(*median_interval(twenty), std::pair(6.0, 15.0));
}

TEST(MedianInterval, MedianOfOddAndEvenCounts) {
  EXPECT_EQ(median_of({3, 1, 2}), 2);
  EXPECT_EQ(median_of({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(median_of({}), 0);
}

}  // namespace
}  // namespace revbench::results

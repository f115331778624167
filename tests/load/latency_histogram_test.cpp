#include "harness/load/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

namespace revbench::load {
namespace {
using std::chrono::nanoseconds;
using namespace std::chrono_literals;

// The exact percentile of a sorted sample, by the nearest-rank definition.
std::int64_t exact(const std::vector<std::int64_t>& sorted, double p) {
  const auto rank = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size())));
  return sorted[rank - 1];
}

void expect_within_precision(std::int64_t reported, std::int64_t truth) {
  EXPECT_GE(reported, truth) << "a percentile may round up, never down";
  EXPECT_LE(static_cast<double>(reported - truth), static_cast<double>(truth) / 128.0 + 1) << truth;
}

TEST(LatencyHistogram, CellsTileTheRangeWithoutGapsOrOverlap) {
  for (std::size_t cell = 0; cell + 1 < LatencyHistogram::cell_count; ++cell) {
    ASSERT_EQ(LatencyHistogram::highest_in_cell(cell) + 1, LatencyHistogram::lowest_in_cell(cell + 1)) << cell;
    ASSERT_EQ(LatencyHistogram::cell_of(LatencyHistogram::lowest_in_cell(cell)), cell);
    ASSERT_EQ(LatencyHistogram::cell_of(LatencyHistogram::highest_in_cell(cell)), cell);
  }
  EXPECT_LT(LatencyHistogram::cell_of(LatencyHistogram::max_trackable_ns), LatencyHistogram::cell_count);
}

TEST(LatencyHistogram, EveryValueKeepsOnePercentPrecision) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> exponent(0, std::log10(6e10));
  for (int i = 0; i < 100000; ++i) {
    const auto value = static_cast<std::int64_t>(std::pow(10.0, exponent(random)));
    const auto cell = LatencyHistogram::cell_of(value);
    ASSERT_LE(LatencyHistogram::lowest_in_cell(cell), value);
    ASSERT_GE(LatencyHistogram::highest_in_cell(cell), value);
    ASSERT_LE(static_cast<double>(LatencyHistogram::highest_in_cell(cell) - LatencyHistogram::lowest_in_cell(cell)),
              static_cast<double>(value) / 128.0)
        << value;
  }
}

TEST(LatencyHistogram, PercentilesOfAUniformSetMatchTheExactOnes) {
  LatencyHistogram h;
  std::vector<std::int64_t> values;
  for (std::int64_t us = 1; us <= 10000; ++us) {
    values.push_back(us * 1000);
    h.record(nanoseconds(us * 1000));
  }
  for (double p : {0.0, 1.0, 25.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0})
    expect_within_precision(h.percentile(p).count(), exact(values, p));
  EXPECT_EQ(h.count(), 10000U);
  EXPECT_EQ(h.min(), 1us);
  EXPECT_EQ(h.max(), 10ms);
  EXPECT_NEAR(h.mean_ns(), 5'000'500.0, 5'000'500.0 / 128);
}

TEST(LatencyHistogram, PercentilesOfALongTailedSetMatchTheExactOnes) {
  std::mt19937_64 random(42);
  std::lognormal_distribution<double> latency(std::log(200'000.0), 1.2);  // ~200 us median, heavy tail
  LatencyHistogram h;
  std::vector<std::int64_t> values;
  for (int i = 0; i < 200000; ++i) {
    const auto ns = std::clamp<std::int64_t>(static_cast<std::int64_t>(latency(random)), 1000, 59'000'000'000);
    values.push_back(ns);
    h.record(nanoseconds(ns));
  }
  std::sort(values.begin(), values.end());
  for (double p : {50.0, 90.0, 99.0, 99.9, 99.99, 100.0}) expect_within_precision(h.percentile(p).count(), exact(values, p));
  EXPECT_EQ(h.max().count(), values.back());
  EXPECT_EQ(h.min().count(), values.front());
}

TEST(LatencyHistogram, MergeEqualsRecordingEverythingInOne) {
  LatencyHistogram a, b, all;
  std::mt19937_64 random(3);
  std::uniform_int_distribution<std::int64_t> ns(1000, 5'000'000'000);
  for (int i = 0; i < 50000; ++i) {
    const auto v = nanoseconds(ns(random));
    (i % 3 == 0 ? a : b).record(v);
    all.record(v);
  }
  LatencyHistogram merged = a;
  merged.merge(b);
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
  EXPECT_EQ(merged.nonzero_cells(), all.nonzero_cells());
  for (double p : {50.0, 99.0, 99.9}) EXPECT_EQ(merged.percentile(p), all.percentile(p));

  // Rebuilt from its cells, as another process would from a results file.
  LatencyHistogram rebuilt;
  for (const auto& [cell, count] : all.nonzero_cells()) rebuilt.add_cell(cell, count);
  EXPECT_EQ(rebuilt.percentile(99), all.percentile(99));
  EXPECT_EQ(rebuilt.count(), all.count());
}

TEST(LatencyHistogram, ValuesBeyondSixtySecondsSaturate) {
  LatencyHistogram h;
  h.record(120s);
  h.record(1ms, 3);
  EXPECT_EQ(h.saturated(), 1U);
  EXPECT_EQ(h.count(), 4U);
  EXPECT_EQ(h.max(), 60s);
  EXPECT_EQ(h.percentile(50), 1ms + nanoseconds(LatencyHistogram::highest_in_cell(LatencyHistogram::cell_of(1'000'000)) - 1'000'000));
}

TEST(LatencyHistogram, EmptyIsAllZeros) {
  const LatencyHistogram h;
  EXPECT_EQ(h.count(), 0U);
  EXPECT_EQ(h.percentile(99), 0ns);
  EXPECT_EQ(h.min(), 0ns);
  EXPECT_EQ(h.mean_ns(), 0);
}

TEST(LatencyHistogram, PercentileDistributionIsWhatHdrToolsRead) {
  LatencyHistogram h;
  for (int i = 1; i <= 1000; ++i) h.record(std::chrono::microseconds(i));
  const std::string text = h.percentile_distribution(1e6);
  std::istringstream lines(text);
  std::string header;
  std::getline(lines, header);
  EXPECT_EQ(header, "       Value     Percentile TotalCount 1/(1-Percentile)");
  double value = 0, percentile = -1, previous_value = -1, previous_percentile = -1;
  unsigned long long total = 0;
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    row >> value >> percentile >> total;
    EXPECT_GE(value, previous_value);
    EXPECT_GT(percentile, previous_percentile);
    previous_value = value;
    previous_percentile = percentile;
    ++rows;
  }
  EXPECT_GT(rows, 30);
  EXPECT_DOUBLE_EQ(percentile, 1.0);
  EXPECT_EQ(total, 1000U);
  EXPECT_NEAR(value, 1.0, 0.01);  // the last row is the max, in milliseconds
  EXPECT_NE(text.find("#[Max     =        1.000, Total count    =         1000]"), std::string::npos) << text;
}

}  // namespace
}  // namespace revbench::load

#include "harness/load/latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace revbench::load {
namespace {

constexpr int sub_bits = 8;                       // 256 cells below 256 ns
constexpr std::int64_t linear_cells = 1 << sub_bits;
constexpr std::int64_t half = linear_cells / 2;   // 128 cells per power of two above

}  // namespace

std::size_t LatencyHistogram::cell_of(std::int64_t value) {
  if (value < linear_cells) return static_cast<std::size_t>(std::max<std::int64_t>(value, 0));
  const int top_bit = 63 - std::countl_zero(static_cast<std::uint64_t>(value));
  const int shift = top_bit - (sub_bits - 1);  // value >> shift lands in [128, 256)
  const std::int64_t sub = value >> shift;
  return static_cast<std::size_t>(linear_cells + (shift - 1) * half + (sub - half));
}

std::int64_t LatencyHistogram::lowest_in_cell(std::size_t cell) {
  const auto c = static_cast<std::int64_t>(cell);
  if (c < linear_cells) return c;
  const std::int64_t shift = (c - linear_cells) / half + 1;
  const std::int64_t sub = (c - linear_cells) % half + half;
  return sub << shift;
}

std::int64_t LatencyHistogram::highest_in_cell(std::size_t cell) {
  if (static_cast<std::int64_t>(cell) < linear_cells) return static_cast<std::int64_t>(cell);
  return lowest_in_cell(cell + 1) - 1;
}

void LatencyHistogram::record(std::chrono::nanoseconds value, std::uint64_t count) {
  std::int64_t ns = std::max<std::int64_t>(value.count(), 0);
  if (ns > max_trackable_ns) {
    saturated_ += count;
    ns = max_trackable_ns;
  }
  counts_[cell_of(ns)] += count;
  total_ += count;
  min_ = std::min(min_, ns);
  max_ = std::max(max_, ns);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  for (std::size_t i = 0; i < cell_count; ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
  saturated_ += other.saturated_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

void LatencyHistogram::reset() { *this = LatencyHistogram(); }

void LatencyHistogram::add_cell(std::uint32_t cell, std::uint64_t count) {
  if (cell >= cell_count) throw std::out_of_range("histogram cell " + std::to_string(cell));
  counts_[cell] += count;
  total_ += count;
  min_ = std::min(min_, lowest_in_cell(cell));
  max_ = std::max(max_, highest_in_cell(cell));
}

void LatencyHistogram::restore_exact_bounds(std::int64_t min_ns, std::int64_t max_ns) {
  if (total_ == 0) return;
  if (cell_of(min_ns) == cell_of(min_) || min_ns >= min_) min_ = min_ns;
  if (cell_of(max_ns) == cell_of(max_) || max_ns <= max_) max_ = max_ns;
}

std::chrono::nanoseconds LatencyHistogram::min() const {
  return std::chrono::nanoseconds(total_ == 0 ? 0 : min_);
}
std::chrono::nanoseconds LatencyHistogram::max() const { return std::chrono::nanoseconds(max_); }

double LatencyHistogram::mean_ns() const {
  if (total_ == 0) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < cell_count; ++i)
    if (counts_[i] != 0)
      sum += static_cast<double>(counts_[i]) * (static_cast<double>(lowest_in_cell(i) + highest_in_cell(i)) / 2);
  return sum / static_cast<double>(total_);
}

double LatencyHistogram::stddev_ns() const {
  if (total_ == 0) return 0;
  const double mean = mean_ns();
  double sum = 0;
  for (std::size_t i = 0; i < cell_count; ++i) {
    if (counts_[i] == 0) continue;
    const double d = (static_cast<double>(lowest_in_cell(i) + highest_in_cell(i)) / 2) - mean;
    sum += static_cast<double>(counts_[i]) * d * d;
  }
  return std::sqrt(sum / static_cast<double>(total_));
}

std::chrono::nanoseconds LatencyHistogram::percentile(double p) const {
  if (total_ == 0) return std::chrono::nanoseconds(0);
  p = std::clamp(p, 0.0, 100.0);
  const auto wanted = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(total_))));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < cell_count; ++i) {
    seen += counts_[i];
    if (seen >= wanted) return std::chrono::nanoseconds(std::clamp(highest_in_cell(i), min_, max_));
  }
  return std::chrono::nanoseconds(max_);
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> LatencyHistogram::nonzero_cells() const {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  for (std::size_t i = 0; i < cell_count; ++i)
    if (counts_[i] != 0) out.emplace_back(static_cast<std::uint32_t>(i), counts_[i]);
  return out;
}

std::string LatencyHistogram::percentile_distribution(double unit_ns, int ticks_per_half_distance) const {
  std::string out = "       Value     Percentile TotalCount 1/(1-Percentile)\n\n";
  char line[128];
  // Percentile levels close in on 100% geometrically: each halving of the
  // remaining distance gets `ticks_per_half_distance` lines, as HdrHistogram prints.
  std::uint64_t cumulative = 0;
  std::size_t cell = 0;
  for (int tick = 0; total_ != 0; ++tick) {
    const double remaining = std::pow(0.5, static_cast<double>(tick) / ticks_per_half_distance);
    const double p = 1.0 - remaining;
    const auto wanted = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(total_))));
    while (cumulative < wanted && cell < cell_count) cumulative += counts_[cell++];
    const double value = static_cast<double>(std::clamp(highest_in_cell(cell - 1), min_, max_)) / unit_ns;
    const bool last = cumulative >= total_;
    if (last) {
      std::snprintf(line, sizeof line, "%12.3f %1.12f %10llu\n", value, 1.0,
                    static_cast<unsigned long long>(cumulative));
      out += line;
      break;
    }
    std::snprintf(line, sizeof line, "%12.3f %1.12f %10llu %14.2f\n", value, p,
                  static_cast<unsigned long long>(cumulative), 1.0 / remaining);
    out += line;
  }
  std::snprintf(line, sizeof line, "#[Mean    = %12.3f, StdDeviation   = %12.3f]\n", mean_ns() / unit_ns,
                stddev_ns() / unit_ns);
  out += line;
  std::snprintf(line, sizeof line, "#[Max     = %12.3f, Total count    = %12llu]\n",
                static_cast<double>(max_) / unit_ns, static_cast<unsigned long long>(total_));
  out += line;
  std::snprintf(line, sizeof line, "#[Buckets = %12d, SubBuckets     = %12d]\n", 29, static_cast<int>(linear_cells));
  out += line;
  return out;
}

}  // namespace revbench::load

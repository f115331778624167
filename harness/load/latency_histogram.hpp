#pragma once
// An HDR-style latency histogram: log-linear buckets over 1 ns .. 60 s with
// a relative error of at most 1/128 (0.78%) per value, in constant memory
// (3,840 counters), mergeable across threads and processes. Never a list of
// samples: a run of a billion requests costs what a run of ten does.
//
// Layout: values below 256 ns have a cell each; above, every power-of-two
// range [2^k, 2^(k+1)) is cut into 128 equal cells. A value is reported as
// the highest value its cell holds (as HdrHistogram does), so percentiles
// never understate.
#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace revbench::load {

class LatencyHistogram {
 public:
  static constexpr std::int64_t max_trackable_ns = 60'000'000'000;  // 60 s
  static constexpr std::size_t cell_count = 3840;

  void record(std::chrono::nanoseconds value, std::uint64_t count = 1);
  void merge(const LatencyHistogram& other);
  void reset();

  std::uint64_t count() const { return total_; }
  std::uint64_t saturated() const { return saturated_; }  // values above 60 s, recorded as 60 s
  std::chrono::nanoseconds min() const;
  std::chrono::nanoseconds max() const;
  double mean_ns() const;
  double stddev_ns() const;
  // p in [0, 100]; 0 for an empty histogram.
  std::chrono::nanoseconds percentile(double p) const;

  // HdrHistogram's percentile-distribution text (what HistogramLogProcessor and
  // the HDR plotters read), values divided by `unit_ns` (1e6: milliseconds).
  std::string percentile_distribution(double unit_ns = 1e6, int ticks_per_half_distance = 5) const;

  // (cell, count) for every non-empty cell: compact, and enough to rebuild.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> nonzero_cells() const;
  void add_cell(std::uint32_t cell, std::uint64_t count);
  // After rebuilding from cells: the exact extremes, which the cells only bound.
  void restore_exact_bounds(std::int64_t min_ns, std::int64_t max_ns);

  static std::size_t cell_of(std::int64_t value_ns);
  static std::int64_t lowest_in_cell(std::size_t cell);
  static std::int64_t highest_in_cell(std::size_t cell);

 private:
  std::array<std::uint64_t, cell_count> counts_{};
  std::uint64_t total_ = 0;
  std::uint64_t saturated_ = 0;
  std::int64_t min_ = INT64_MAX;
  std::int64_t max_ = 0;
};

}  // namespace revbench::load

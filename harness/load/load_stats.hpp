#pragma once
// What one load thread measured; threads merge theirs at the end (h2load's
// model: nothing shared on the hot path).
#include <chrono>
#include <cstdint>
#include <map>

#include "harness/load/latency_histogram.hpp"

namespace revbench::load {

struct LoadStats {
  LatencyHistogram corrected;    // from the intended send time (open loop: no coordinated omission)
  LatencyHistogram uncorrected;  // from the actual send time, for comparison
  std::map<int, std::uint64_t> statuses;  // HTTP status -> count; 0 = no response
  std::uint64_t redis_ops = 0;
  std::uint64_t pg_ops = 0;
  LatencyHistogram generator_lag;  // how late an idle connection woke for its slot: the generator's own delay
  std::chrono::steady_clock::time_point last_completion{};

  std::uint64_t requests() const { return corrected.count(); }
  void merge(const LoadStats& other);
};

}  // namespace revbench::load

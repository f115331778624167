#include "harness/load/load_stats.hpp"

#include <algorithm>

namespace revbench::load {

void LoadStats::merge(const LoadStats& other) {
  corrected.merge(other.corrected);
  uncorrected.merge(other.uncorrected);
  for (const auto& [status, count] : other.statuses) statuses[status] += count;
  redis_ops += other.redis_ops;
  pg_ops += other.pg_ops;
  generator_lag.merge(other.generator_lag);
  last_completion = std::max(last_completion, other.last_completion);
}

}  // namespace revbench::load

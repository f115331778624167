#pragma once
// Pass/fail criteria on a finished run, as k6 has them:
// `p99<5ms`, `error_rate<=0.01`, `throughput>=900`, `accepted_after_revoke==0`.
// A violated threshold makes the command exit non-zero with the reason.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace revbench::results {

struct Threshold {
  std::string text;    // as the user wrote it
  std::string metric;
  std::string op;      // < <= > >= == !=
  double value = 0;    // latencies in seconds
};

// Throws std::invalid_argument naming the threshold and what is wrong with it.
Threshold parse_threshold(const std::string& text);

// Whether a measured value satisfies the threshold's comparison.
bool holds(const Threshold& threshold, double value);

// The reason each violated threshold gives; an unknown metric is a violation
// too (a typo must not pass silently).
std::vector<std::string> violations(const std::vector<Threshold>& thresholds, const std::map<std::string, double>& metrics);

}  // namespace revbench::results

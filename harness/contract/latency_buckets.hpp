#pragma once
// The bucket bounds of every latency histogram revbench exports to
// Prometheus, the server's and the load generator's alike, so a dashboard
// reads both on one scale: the R10 preferred numbers (1, 1.25, 1.6, 2, 2.5,
// 3.15, 4, 5, 6.3, 8 in each decade: steps of about 1.25x, and `le` labels a
// reader can say) from 25 µs to 10 s. Steps that fine keep apart what the
// report ranks (loopback p99s between 0.5 and 1 ms shared one bucket when
// the steps were 2 to 2.5x), and a quantile read from them is off by at
// most a step.
#include <vector>

namespace revbench::contract {

inline constexpr double latency_bucket_first = 25e-6;  // seconds
inline constexpr double latency_bucket_last = 10;

// Increasing, in seconds, from latency_bucket_first to latency_bucket_last.
std::vector<double> latency_bucket_bounds();

}  // namespace revbench::contract

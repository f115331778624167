#pragma once
// How sure a median of repeats is: the distribution-free interval of order
// statistics chosen by the binomial distribution (scripts/ratio_interval.py
// computes the same for the benchmark scripts). It assumes only that the
// repeats are independent, not how the machine's noise is shaped.
#include <optional>
#include <utility>
#include <vector>

namespace revbench::results {

inline constexpr double median_confidence = 0.95;

double median_of(std::vector<double> values);
// The narrowest [x(k), x(n+1-k)] of the sorted values that holds the true
// median with at least `confidence`; none when even [min, max] holds it less
// often (fewer than 6 values at 95%).
std::optional<std::pair<double, double>> median_interval(std::vector<double> values, double confidence = median_confidence);

}  // namespace revbench::results

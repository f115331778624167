#include "results/median_interval.hpp"

#include <algorithm>
#include <cmath>

namespace revbench::results {

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::optional<std::pair<double, double>> median_interval(std::vector<double> values, double confidence) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  std::optional<std::pair<double, double>> best;
  // P(Binomial(n, 1/2) <= k - 1): the chance that k - 1 or fewer values fall below the median.
  double below = 0;
  double choose = 1;  // C(n, k - 1)
  for (std::size_t k = 1; k <= n / 2; ++k) {
    below += choose * std::pow(0.5, static_cast<double>(n));
    if (1 - 2 * below < confidence) break;
    best = std::pair{values[k - 1], values[n - k]};
    choose = choose * static_cast<double>(n - (k - 1)) / static_cast<double>(k);
  }
  return best;
}

}  // namespace revbench::results

#include "harness/contract/latency_buckets.hpp"

#include <string>

namespace revbench::contract {

std::vector<double> latency_bucket_bounds() {
  // Parsed from decimal text: the doubles nearest the labels, so they print as written.
  static constexpr const char* r10[] = {"1", "1.25", "1.6", "2", "2.5", "3.15", "4", "5", "6.3", "8"};
  std::vector<double> bounds;
  for (int exponent = -5; exponent <= 0; ++exponent)
    for (const char* mantissa : r10) {
      const double bound = std::stod(std::string(mantissa) + "e" + std::to_string(exponent));
      if (bound >= latency_bucket_first && bound < latency_bucket_last) bounds.push_back(bound);
    }
  bounds.push_back(latency_bucket_last);
  return bounds;
}

}  // namespace revbench::contract

#pragma once
// How long a revocation made before the run still has to live: a token is
// revoked at a moment spread evenly over its life, so what is left of it is
// spread evenly over (0, TTL]. Whole seconds, 1 to TTL, from a fixed seed:
// two runs at the same population start from the same store.
#include <chrono>
#include <cstdint>
#include <random>

namespace revbench::strategies {

class RemainingLifetimes {
 public:
  explicit RemainingLifetimes(std::chrono::seconds ttl) : spread_(1, ttl.count() < 1 ? 1 : ttl.count()) {}
  std::int64_t next() { return spread_(random_); }

 private:
  std::mt19937_64 random_{20261207};
  std::uniform_int_distribution<std::int64_t> spread_;
};

}  // namespace revbench::strategies

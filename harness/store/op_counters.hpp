#pragma once
// Store operations counted per (store, op): the figure a strategy pays per
// request, and the one tests compare with the servers' own statistics.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace revbench::store {

enum class Store { redis, postgres };
std::string_view to_string(Store store);

// The ops one request caused; owned by the request, filled by the clients.
struct OpTally {
  std::uint32_t redis = 0;
  std::uint32_t postgres = 0;
  // Commands that found the store unreachable or timed out: what /metrics
  // turns into outage events a dashboard can annotate.
  std::uint16_t redis_unreachable = 0;
  std::uint16_t postgres_unreachable = 0;
};

class OpCounters {
 public:
  struct Entry {
    Store store;
    std::string op;
    std::uint64_t count;
  };

  void add(Store store, std::string_view op, std::uint64_t n = 1);
  std::uint64_t count(Store store, std::string_view op) const;
  std::uint64_t total(Store store) const;
  std::vector<Entry> snapshot() const;

 private:
  // Ops are a small fixed vocabulary (commands, statement names), so a short
  // vector under a mutex is cheaper than a hash map and bounded in size.
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace revbench::store

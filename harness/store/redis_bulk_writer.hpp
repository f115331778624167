#pragma once
// Writes by the million to a Redis, for a population before a run (never on
// a serving thread): commands are pipelined, a window of them in flight, and
// every reply is read and checked, so a refused write (maxmemory, a replica)
// stops the writing with Redis's own words instead of being lost.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "harness/store/blocking_redis.hpp"

namespace revbench::store {

class RedisBulkWriter {
 public:
  // Throws std::runtime_error when nothing answers at host:port.
  RedisBulkWriter(const std::string& host, std::uint16_t port, int window = 10000);
  void write(std::initializer_list<std::string_view> argv);
  // Waits for every reply; returns how many commands were written in all.
  long long finish();

 private:
  void drain();
  BlockingContext context_;
  int window_;
  int in_flight_ = 0;
  long long written_ = 0;
};

}  // namespace revbench::store

#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace revbench::store {

struct RedisConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 6379;
  std::chrono::milliseconds command_timeout{1000};
  std::chrono::milliseconds reconnect_min{10};
  std::chrono::milliseconds reconnect_max{1000};
  bool pipelining = true;  // false: one command in flight at a time (to measure what pipelining buys)
  // Commands sent and not answered, at most; past it a command fails at once
  // as unavailable, so a server that stops answering cannot grow the queue.
  std::size_t max_in_flight = 16384;

  std::string url() const;
};

// redis://host[:port][/] — throws std::invalid_argument naming what is wrong.
RedisConfig parse_redis_url(std::string_view url);

}  // namespace revbench::store

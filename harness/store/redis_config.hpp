#pragma once
#include <chrono>
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

  std::string url() const;
};

// redis://host[:port][/] — throws std::invalid_argument naming what is wrong.
RedisConfig parse_redis_url(std::string_view url);

}  // namespace revbench::store

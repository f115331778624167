#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace revbench::store {

struct RedisEndpoint {
  std::string host;
  std::uint16_t port = 0;
  bool operator==(const RedisEndpoint&) const = default;
};

struct RedisConfig {
  // The server the commands go to. Under Sentinel: the primary the
  // Sentinels last named (empty until one did), followed when they fail over.
  std::string host = "127.0.0.1";
  std::uint16_t port = 6379;
  // redis-sentinel://h:p,h:p/NAME: the Sentinels that know the primary NAME.
  std::vector<RedisEndpoint> sentinels;
  std::string primary_name;
  std::chrono::milliseconds command_timeout{1000};
  std::chrono::milliseconds reconnect_min{10};
  std::chrono::milliseconds reconnect_max{1000};
  bool pipelining = true;  // false: one command in flight at a time (to measure what pipelining buys)
  // Commands sent and not answered, at most; past it a command fails at once
  // as unavailable, so a server that stops answering cannot grow the queue.
  std::size_t max_in_flight = 16384;

  bool follows_sentinels() const { return !sentinels.empty(); }
  // redis://host:port, or the redis-sentinel:// URL it was given.
  std::string url() const;
};

// redis://host[:port][/], or redis-sentinel://host:port[,host:port...]/NAME
// (the Sentinels monitoring the primary NAME, as Redis's clients spell them)
// — throws std::invalid_argument naming what is wrong.
RedisConfig parse_redis_url(std::string_view url);

}  // namespace revbench::store

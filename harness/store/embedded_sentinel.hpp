#pragma once
// A throwaway Redis Sentinel (redis-server --sentinel) on a free loopback
// port, monitoring one primary of revbench's: with two more it decides that
// the primary is down and promotes a replica, as Sentinel does in
// production, with down-after short enough for a run.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "harness/store/child_process.hpp"
#include "harness/store/temp_dir.hpp"

namespace revbench::store {

struct SentinelWatch {
  std::string primary_name = "revbench";
  std::uint16_t primary_port = 0;
  // Empty: from 127.0.0.1. Otherwise the loopback address it reaches the
  // Redis instances from (it still announces itself at 127.0.0.1).
  std::string source_address;
  int quorum = 2;
  // A primary silent this long is down (to this Sentinel); production's default is 30 s.
  std::chrono::milliseconds down_after{1000};
  // Sentinel waits twice this long before it tries a failed failover again.
  std::chrono::milliseconds failover_timeout{10000};
};

class EmbeddedSentinel {
 public:
  explicit EmbeddedSentinel(SentinelWatch watch, std::string binary = "redis-server");
  ~EmbeddedSentinel();
  EmbeddedSentinel(const EmbeddedSentinel&) = delete;
  EmbeddedSentinel& operator=(const EmbeddedSentinel&) = delete;

  std::uint16_t port() const { return port_; }
  const SentinelWatch& watch() const { return watch_; }

  // What it learnt of the primary's set: its replicas and the other
  // Sentinels (from the primary's INFO and the Sentinels' hello messages).
  // A failover needs both. nullopt when it does not answer.
  struct Known {
    std::size_t replicas = 0;
    std::size_t replicas_up = 0;  // of those, the ones it finds up and linked to the primary
    std::size_t other_sentinels = 0;
  };
  std::optional<Known> known() const;

 private:
  void start();

  std::string binary_;
  SentinelWatch watch_;
  TempDir dir_;
  std::uint16_t port_ = 0;
  ChildProcess process_;
};

}  // namespace revbench::store

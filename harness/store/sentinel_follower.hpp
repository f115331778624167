#pragma once
// Follows the primary that Sentinels monitor: subscribed to +switch-master
// on every Sentinel (any one that survives is enough to hear a failover),
// and asking each subscription's Sentinel for the primary whenever it
// (re)subscribes and every 100 ms, so neither a failover announced while a
// subscription was down nor the promoted replica named before the
// announcement is missed. The owner hears of each new primary once, from
// the subscriptions' threads.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "harness/store/redis_config.hpp"

namespace revbench::store {

class RedisSubscriber;

class SentinelFollower {
 public:
  using OnPrimary = std::function<void(const RedisEndpoint&)>;
  // `config` names the Sentinels and the primary (redis-sentinel://...).
  SentinelFollower(const RedisConfig& config, OnPrimary on_primary);
  ~SentinelFollower();
  SentinelFollower(const SentinelFollower&) = delete;
  SentinelFollower& operator=(const SentinelFollower&) = delete;

  // Until some Sentinel named the primary; false after `timeout`.
  bool wait_until_known(std::chrono::milliseconds timeout) const;
  std::optional<RedisEndpoint> primary() const;
  // How many times the primary changed after the first naming: failovers followed.
  std::uint64_t switches() const;

 private:
  // `announced`: a +switch-master message, rather than a Sentinel's answer.
  void heard(const RedisEndpoint& primary, bool announced);

  std::string name_;
  OnPrimary on_primary_;
  mutable std::mutex mutex_;
  mutable std::condition_variable known_;
  std::optional<RedisEndpoint> primary_;
  std::vector<RedisEndpoint> left_;  // the primaries followed before, since the last announcement
  std::uint64_t switches_ = 0;
  std::vector<std::unique_ptr<RedisSubscriber>> subscriptions_;  // last: they call heard()
};

}  // namespace revbench::store

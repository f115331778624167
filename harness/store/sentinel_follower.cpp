#include "harness/store/sentinel_follower.hpp"

#include <algorithm>

#include "harness/store/redis_subscriber.hpp"
#include "harness/store/sentinel_lookup.hpp"

namespace revbench::store {

SentinelFollower::SentinelFollower(const RedisConfig& config, OnPrimary on_primary)
    : name_(config.primary_name), on_primary_(std::move(on_primary)) {
  for (const auto& sentinel : config.sentinels) {
    RedisConfig at = config;
    at.sentinels.clear();
    at.host = sentinel.host;
    at.port = sentinel.port;
    const auto ask = [this](const RedisSubscriber::Query& query) {
      const auto reply = query({"SENTINEL", "get-master-addr-by-name", name_});
      const auto primary = reply ? endpoint_of(*reply) : std::nullopt;
      if (primary) heard(*primary, false);
      return primary.has_value();
    };
    RedisSubscriber::Handlers handlers;
    handlers.catch_up = ask;  // a Sentinel that does not know the primary yet: ask again later
    handlers.message = [this](std::string_view payload) {
      if (const auto primary = switched_primary(payload, name_)) heard(*primary, true);
    };
    // Asked again every 100 ms too: a Sentinel names the promoted replica as
    // soon as it is promoted, while +switch-master waits until every other
    // replica follows it (a second or two later).
    handlers.upkeep = [ask](const RedisSubscriber::Query& query) { ask(query); };
    subscriptions_.push_back(
        std::make_unique<RedisSubscriber>(at, "+switch-master", std::move(handlers), std::chrono::milliseconds(100)));
  }
}

SentinelFollower::~SentinelFollower() { subscriptions_.clear(); }

void SentinelFollower::heard(const RedisEndpoint& primary, bool announced) {
  {
    std::lock_guard lock(mutex_);
    if (primary_ == primary) return;
    // Sentinels learn of a failover one after the other: one not told yet
    // still names the primary just left. Only an announcement goes back to it.
    if (!announced && std::find(left_.begin(), left_.end(), primary) != left_.end()) return;
    if (announced) left_.clear();
    if (primary_) {
      left_.push_back(*primary_);
      ++switches_;
    }
    primary_ = primary;
    // Under the lock: two Sentinels announcing two failovers in turn reach
    // the owner in the order they were taken.
    on_primary_(primary);
  }
  known_.notify_all();
}

bool SentinelFollower::wait_until_known(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return known_.wait_for(lock, timeout, [this] { return primary_.has_value(); });
}

std::optional<RedisEndpoint> SentinelFollower::primary() const {
  std::lock_guard lock(mutex_);
  return primary_;
}

std::uint64_t SentinelFollower::switches() const {
  std::lock_guard lock(mutex_);
  return switches_;
}

}  // namespace revbench::store

#pragma once
// Keeps a RevocationMemory current on every instance of a fleet.
//
// The authority is Redis: two sorted sets, `<prefix>:denied` (jti scored by
// the token's expiry) and `<prefix>:users` (user scored by the not-before time
// in µs). A revocation is written there and published on
// `<prefix>:revocations`; every instance follows that channel
// (store::RedisSubscriber) and applies it to its memory. The instance that
// served the revocation applies it before answering, so on that instance it
// is immediate; elsewhere it takes one pub/sub hop (the propagation lag).
//
// Why Redis pub/sub and not PostgreSQL LISTEN/NOTIFY: the strategies that
// use it already write their revocations to Redis, so one round trip records
// and the next announces; NOTIFY would add a PostgreSQL dependency to a path
// that has none, and it holds a queue per listening backend that fills while
// a listener stalls (both lose messages across a reconnect alike). Neither
// replays what a disconnected subscriber missed: after every reconnect the
// feed re-reads both sets before it calls itself current again.
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "harness/store/redis_subscriber.hpp"
#include "strategies/common/revocation_memory.hpp"
#include "strategies/strategy.hpp"

namespace revbench::strategies {

class RevocationFeed {
 public:
  // `token_ttl`: how long a not-before time matters (tokens older are expired anyway).
  RevocationFeed(std::string prefix, std::chrono::seconds token_ttl);
  ~RevocationFeed();

  // Request path: record in Redis, apply here, announce to the fleet. Two Redis ops.
  boost::asio::awaitable<Outcome<Done>> deny(Context& ctx, const std::string& jti, std::int64_t expires_at);
  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::int64_t not_before_us);

  // Starts following the channel; false when not caught up within `wait`.
  bool follow(const std::string& redis_url, std::chrono::milliseconds wait);
  bool current() const { return subscriber_ && subscriber_->current(); }
  std::uint64_t subscriptions() const { return subscriber_ ? subscriber_->subscriptions() : 0; }

  const RevocationMemory& memory() const { return memory_; }

 private:
  bool catch_up(const store::RedisSubscriber::Query& query);
  static bool read_pages(const store::RedisSubscriber::Query& query, const std::string& key,
                         std::int64_t min_score, const std::function<void(const std::string&, std::int64_t)>& each);
  void apply(std::string_view message);
  void upkeep(const store::RedisSubscriber::Query& query);
  std::int64_t user_entry_expiry(std::int64_t not_before_us) const;

  std::string denied_key_;
  std::string users_key_;
  std::string channel_;
  std::chrono::seconds token_ttl_;
  RevocationMemory memory_;
  std::unique_ptr<store::RedisSubscriber> subscriber_;
};

}  // namespace revbench::strategies

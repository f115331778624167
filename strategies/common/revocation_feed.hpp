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
//
// The memory is trusted only while the feed is fresh: subscribed, caught up
// and heard from within a second (the subscriber sends a heartbeat on its
// connection, so a half-open one is found out). While it is not, the strategies ask Redis
// for each token (read_standing), as redis-denylist does, and fail closed
// when Redis does not answer: "within a second" never silently becomes
// "until the token expires".
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "harness/store/redis_subscriber.hpp"
#include "strategies/common/revocation_memory.hpp"
#include "strategies/strategy.hpp"

namespace revbench::strategies {

// What is known of a token's revocation: from the memory, or from Redis.
struct TokenStanding {
  bool denied = false;                        // its jti is on the deny-list
  std::optional<std::int64_t> not_before_us;  // the user's sessions ended at this time
  bool from_stale_memory = false;             // --fail-open: the memory's word while the feed is quiet and Redis silent
};

class RevocationFeed {
 public:
  // `token_ttl`: how long a not-before time matters (tokens older are expired anyway).
  RevocationFeed(std::string prefix, std::chrono::seconds token_ttl);
  ~RevocationFeed();

  // Request path: record in Redis, apply here, announce to the fleet. Two Redis ops.
  boost::asio::awaitable<Outcome<Done>> deny(Context& ctx, const std::string& jti, std::int64_t expires_at);
  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::int64_t not_before_us);

  // A population's revocations made before the run, as deny() and
  // end_sessions() would have left them in Redis (blocking, before any
  // server starts): `count` denied tokens, or `count` users' sessions ended.
  // Returns how many entries the sets hold for them (a user ends once).
  long long write_prior_denied(store::RedisBulkWriter& redis, long long count, std::int64_t now) const;
  long long write_prior_ended(store::RedisBulkWriter& redis, const contract::Population& population,
                              std::int64_t now) const;

  // Starts following the channel; false when not caught up within `wait`.
  bool follow(const std::string& redis_url, std::chrono::milliseconds wait);
  bool current() const {
    const auto* s = following();
    return s != nullptr && s->current();
  }
  // Current and heard from lately: the memory holds every revocation published.
  bool fresh() const {
    const auto* s = following();
    return s != nullptr && s->fresh();
  }
  // The token's standing in this process's memory: what to judge by while the feed is fresh.
  TokenStanding remembered(const std::string& jti, const std::string& user) const;
  // What to judge by in any case: the memory while the feed is fresh, Redis
  // (two reads) while it is not, and then, when Redis does not answer,
  // store_unavailable, or with `fail_open` the memory again (flagged).
  boost::asio::awaitable<Outcome<TokenStanding>> standing(Context& ctx, const std::string& jti, const std::string& user,
                                                          bool fail_open);
  std::uint64_t subscriptions() const {
    const auto* s = following();
    return s != nullptr ? s->subscriptions() : 0;
  }

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
  // Requests ask whether the feed is fresh from the moment the server accepts,
  // possibly before follow() has made the subscriber: they read it through
  // an atomic pointer that follow() publishes once it is whole.
  const store::RedisSubscriber* following() const { return published_.load(std::memory_order_acquire); }
  std::unique_ptr<store::RedisSubscriber> subscriber_;
  std::atomic<const store::RedisSubscriber*> published_{nullptr};
};

}  // namespace revbench::strategies

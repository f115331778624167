#pragma once
// Keeps the signing keys of every instance of a fleet at one generation, so
// a rotation on one instance (an admin's, or secret-rotation's revocation)
// rotates them all.
//
// Only the generation travels, never key material: instances given the same
// seed derive the same key for it (SigningKeys). A rotation takes the next
// generation from Redis (INCR on `revbench:keys:<ring>:generation`: two
// instances rotating at once never take the same one), records when it
// became current (`...:rotations`, the generation scored by its time in µs),
// applies it here and announces it on `...:rotated`. Every instance follows
// that channel (store::RedisSubscriber) and rotates to what it hears; after
// every (re)subscription, and every second while current, it reads the
// latest rotations back, so one it missed (a publish that failed, a
// reconnect) is applied within about a second. `<ring>` is
// SigningKeys::ring_name(): fleets with another seed, or none, never share.
//
// Whether to trust the keys while the ring is not fresh is the strategy's
// call: secret-rotation, whose rotations revoke, fails closed (fresh()).
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "harness/store/redis_subscriber.hpp"
#include "strategies/common/signing_keys.hpp"
#include "strategies/strategy.hpp"

namespace revbench::strategies {

class KeyRingFeed {
 public:
  explicit KeyRingFeed(SigningKeys& keys);
  ~KeyRingFeed();

  // Request path: the next generation, everywhere. Up to three Redis ops;
  // refused (store_unavailable) when it could not be recorded in Redis.
  boost::asio::awaitable<Outcome<Done>> rotate(Context& ctx);

  // Starts following the ring; false when not caught up within `wait`.
  bool follow(const std::string& redis_url, std::chrono::milliseconds wait);
  // Caught up and heard from within a second: no rotation can have gone unseen longer.
  bool fresh() const {
    const auto* s = published_.load(std::memory_order_acquire);
    return s != nullptr && s->fresh();
  }

 private:
  bool catch_up(const store::RedisSubscriber::Query& query);
  void apply(std::string_view message);

  SigningKeys& keys_;
  std::string generation_key_;
  std::string rotations_key_;
  std::string channel_;
  std::unique_ptr<store::RedisSubscriber> subscriber_;
  // Requests may ask before follow() has made the subscriber (see RevocationFeed).
  std::atomic<const store::RedisSubscriber*> published_{nullptr};
};

}  // namespace revbench::strategies

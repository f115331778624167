#pragma once
// Follows one Redis pub/sub channel from a thread of its own, so that an
// in-process copy of the store's state stays current with no store call on
// the request path.
//
// Pub/sub delivers only to subscribers connected at the time: whatever is
// published while the connection is down is lost. So after every
// (re)subscription, and before it reports itself current again, the
// subscriber lets its owner read the authoritative state (`catch_up`) on a
// second connection. Messages that arrive during the catch-up are delivered
// after it; owners apply both idempotently.
//
// A connection can die without a word (a half-open TCP connection, a
// partition: no FIN, no RST), and hiredis 0.14 has no keepalive: the
// subscriber sends a heartbeat on the subscription every `heartbeat_every`
// and counts itself stale once nothing (message or heartbeat) has come back for
// `stale_after`; it then drops the connection and subscribes again. Owners
// read `fresh()` before trusting their copy.
//
// Blocking hiredis calls are fine here: this thread serves no requests.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "harness/store/redis_config.hpp"
#include "harness/store/redis_reply.hpp"

struct redisContext;

namespace revbench::store {

// How often the subscriber sends a heartbeat, and how long a silence makes it stale.
struct SubscriberLiveness {
  std::chrono::milliseconds heartbeat_every{200};
  std::chrono::milliseconds stale_after{1000};
};

class RedisSubscriber {
 public:
  // Runs one command on the catch-up connection; nullopt when it failed.
  using Query = std::function<std::optional<RedisReply>(std::initializer_list<std::string_view>)>;
  struct Handlers {
    std::function<bool(const Query&)> catch_up;  // false: reconnect and try again after a backoff
    std::function<void(std::string_view payload)> message;
    std::function<void(const Query&)> upkeep;    // every `upkeep_every` while current
  };

  RedisSubscriber(RedisConfig config, std::string channel, Handlers handlers,
                  std::chrono::milliseconds upkeep_every = std::chrono::seconds(30), SubscriberLiveness liveness = {});
  ~RedisSubscriber();
  RedisSubscriber(const RedisSubscriber&) = delete;
  RedisSubscriber& operator=(const RedisSubscriber&) = delete;

  // Subscribed and caught up: every revocation published from now on is seen.
  bool current() const { return current_.load(); }
  // Current, and heard from within `stale_after`: nothing published can
  // have gone unseen for longer than that. Cheap: two atomic loads.
  bool fresh() const;
  bool wait_until_current(std::chrono::milliseconds timeout) const;
  // How many times the subscription was established (1 + reconnects).
  std::uint64_t subscriptions() const { return subscriptions_.load(); }

 private:
  void run();
  void follow(redisContext* subscription, redisContext* queries);
  bool pause(std::chrono::milliseconds how_long);  // false when stopping

  RedisConfig config_;
  std::string channel_;
  Handlers handlers_;
  std::chrono::milliseconds upkeep_every_;
  SubscriberLiveness liveness_;
  std::atomic<std::int64_t> last_heard_ns_{0};  // steady clock: the subscription's latest reply
  std::atomic<bool> stopping_{false};
  std::atomic<bool> current_{false};
  std::atomic<std::uint64_t> subscriptions_{0};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::thread thread_;
};

}  // namespace revbench::store

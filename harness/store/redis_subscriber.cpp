#include "harness/store/redis_subscriber.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "harness/store/hiredis_reply.hpp"
#include "harness/store/sentinel_lookup.hpp"

namespace revbench::store {
namespace {
using Clock = std::chrono::steady_clock;
using Context = std::unique_ptr<redisContext, decltype(&redisFree)>;
using Reply = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;

// How often the follower wakes without a message: the bound on how long
// stopping takes.
constexpr std::chrono::milliseconds tick{100};

timeval to_timeval(std::chrono::milliseconds ms) {
  return timeval{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

Context connect(RedisConfig config) {
  // Under Sentinel, the primary now: after a failover, the one promoted.
  if (config.follows_sentinels()) {
    const auto primary = primary_from_sentinels(config);
    if (!primary) return Context(nullptr, redisFree);
    config.host = primary->host;
    config.port = primary->port;
  }
  Context context(redisConnectWithTimeout(config.host.c_str(), config.port, to_timeval(config.command_timeout)),
                  redisFree);
  if (!context || context->err != 0) return Context(nullptr, redisFree);
  redisSetTimeout(context.get(), to_timeval(config.command_timeout));
  return context;
}

std::optional<RedisReply> command(redisContext* context, std::initializer_list<std::string_view> args) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (auto arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  Reply reply(static_cast<redisReply*>(
                  redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data())),
              freeReplyObject);
  if (!reply || reply->type == REDIS_REPLY_ERROR) return std::nullopt;
  return copy_reply(*reply);
}

// ["message", channel, payload]
std::optional<std::string_view> payload_of(const redisReply& reply) {
  if (reply.type != REDIS_REPLY_ARRAY || reply.elements != 3) return std::nullopt;
  const redisReply& kind = *reply.element[0];
  if (kind.type != REDIS_REPLY_STRING || std::string_view(kind.str, kind.len) != "message") return std::nullopt;
  const redisReply& payload = *reply.element[2];
  if (payload.type != REDIS_REPLY_STRING) return std::nullopt;
  return std::string_view(payload.str, payload.len);
}

}  // namespace

RedisSubscriber::RedisSubscriber(RedisConfig config, std::string channel, Handlers handlers,
                                 std::chrono::milliseconds upkeep_every, SubscriberLiveness liveness)
    : config_(std::move(config)),
      channel_(std::move(channel)),
      handlers_(std::move(handlers)),
      upkeep_every_(upkeep_every),
      liveness_(liveness),
      thread_([this] { run(); }) {}

bool RedisSubscriber::fresh() const {
  if (!current_.load(std::memory_order_acquire)) return false;
  const auto heard = Clock::time_point(Clock::duration(last_heard_ns_.load(std::memory_order_relaxed)));
  return Clock::now() - heard <= liveness_.stale_after;
}

RedisSubscriber::~RedisSubscriber() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

bool RedisSubscriber::wait_until_current(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return current_.load(); });
}

bool RedisSubscriber::pause(std::chrono::milliseconds how_long) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, how_long, [this] { return stopping_.load(); });
}

void RedisSubscriber::run() {
  auto backoff = config_.reconnect_min;
  while (!stopping_) {
    Context subscription = connect(config_);
    Context queries = connect(config_);
    const auto subscribed = subscription && queries ? command(subscription.get(), {"SUBSCRIBE", channel_})
                                                    : std::nullopt;
    const Query query = [&](std::initializer_list<std::string_view> args) { return command(queries.get(), args); };
    if (subscribed && handlers_.catch_up(query)) {
      backoff = config_.reconnect_min;
      ++subscriptions_;
      last_heard_ns_ = Clock::now().time_since_epoch().count();
      {
        std::lock_guard lock(mutex_);
        current_ = true;
      }
      changed_.notify_all();
      follow(subscription.get(), queries.get());
      current_ = false;
    }
    if (!pause(backoff)) return;
    backoff = std::min(backoff * 2, config_.reconnect_max);
  }
}

// Until the connection breaks or the owner stops.
void RedisSubscriber::follow(redisContext* subscription, redisContext* queries) {
  const Query query = [&](std::initializer_list<std::string_view> args) { return command(queries, args); };
  auto next_upkeep = Clock::now() + upkeep_every_;
  auto next_heartbeat = Clock::now();
  const auto wait = std::min(tick, liveness_.heartbeat_every);
  while (!stopping_) {
    void* raw = nullptr;
    while (redisGetReplyFromReader(subscription, &raw) == REDIS_OK && raw != nullptr) {
      Reply reply(static_cast<redisReply*>(raw), freeReplyObject);
      last_heard_ns_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
      if (auto payload = payload_of(*reply)) handlers_.message(*payload);  // a heartbeat's is ["subscribe", ...]
      raw = nullptr;
    }
    if (subscription->err != 0) return;
    const auto now = Clock::now();
    if (now - Clock::time_point(Clock::duration(last_heard_ns_.load())) > liveness_.stale_after)
      return;  // silent too long: a dead connection that never said so; subscribe again
    if (now >= next_heartbeat) {
      // The heartbeat subscribes again to the channel it follows: a round trip
      // on this connection that changes nothing, and (unlike PING, which
      // /healthz sends) a command no request issues, so the stores' own
      // counts still match what requests announce.
      int written = 0;
      if (redisAppendCommand(subscription, "SUBSCRIBE %b", channel_.data(), channel_.size()) != REDIS_OK) return;
      while (!written)
        if (redisBufferWrite(subscription, &written) != REDIS_OK) return;
      next_heartbeat = now + liveness_.heartbeat_every;
    }
    if (Clock::now() >= next_upkeep) {
      if (handlers_.upkeep) handlers_.upkeep(query);
      next_upkeep = Clock::now() + upkeep_every_;
    }
    pollfd watched{subscription->fd, POLLIN, 0};
    const int ready = poll(&watched, 1, static_cast<int>(wait.count()));
    if (ready < 0 && errno != EINTR) return;
    if (ready > 0 && redisBufferRead(subscription) != REDIS_OK) return;  // EOF or error: the server went away
  }
}

}  // namespace revbench::store

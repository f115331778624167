#include "strategies/common/key_ring_feed.hpp"

#include <charconv>
#include <cmath>

#include "harness/store/redis_client.hpp"
#include "strategies/common/access_tokens.hpp"

namespace revbench::strategies {
namespace {

// The rotations kept in Redis and read back: a process that missed more
// than these has missed keys that retired long ago.
constexpr int rotations_kept = 16;

std::optional<std::int64_t> integer_of(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

KeyRingFeed::KeyRingFeed(SigningKeys& keys)
    : keys_(keys),
      generation_key_("revbench:keys:" + keys.ring_name() + ":generation"),
      rotations_key_("revbench:keys:" + keys.ring_name() + ":rotations"),
      channel_("revbench:keys:" + keys.ring_name() + ":rotated") {}

KeyRingFeed::~KeyRingFeed() = default;

boost::asio::awaitable<Outcome<Done>> KeyRingFeed::rotate(Context& ctx) {
  auto taken = co_await ctx.redis.execute(&ctx.tally, "INCR", generation_key_);
  if (!taken) co_return Outcome<Done>::refused(store_unavailable(taken.error().message));
  std::int64_t generation = taken->integer;
  if (generation <= keys_.generation()) {
    // The counter is behind this process (a Redis that lost it): jump past.
    const std::string behind = std::to_string(keys_.generation() + 1 - generation);
    auto jumped = co_await ctx.redis.execute(&ctx.tally, "INCRBY", generation_key_, behind);
    if (!jumped) co_return Outcome<Done>::refused(store_unavailable(jumped.error().message));
    generation = jumped->integer;
  }
  const std::string at_us = std::to_string(static_cast<std::int64_t>(std::llround(ctx.now * 1e6)));
  const std::string number = std::to_string(generation);
  auto recorded = co_await ctx.redis.execute(&ctx.tally, "ZADD", rotations_key_, at_us, number);
  if (!recorded) co_return Outcome<Done>::refused(store_unavailable(recorded.error().message));
  keys_.rotate_to(generation, ctx.now);
  // Recorded: an instance that does not hear this reads it back within a second.
  co_await ctx.redis.execute(&ctx.tally, "PUBLISH", channel_, number + " " + at_us);
  co_return Outcome<Done>::ok({});
}

bool KeyRingFeed::follow(const std::string& redis_url, std::chrono::milliseconds wait) {
  if (!subscriber_) {
    const auto read_back = [this](const store::RedisSubscriber::Query& query) { catch_up(query); };
    subscriber_ = std::make_unique<store::RedisSubscriber>(
        store::parse_redis_url(redis_url), channel_,
        store::RedisSubscriber::Handlers{[this](const auto& query) { return catch_up(query); },
                                         [this](std::string_view message) { apply(message); }, read_back},
        std::chrono::seconds(1));
  }
  published_.store(subscriber_.get(), std::memory_order_release);
  return subscriber_->wait_until_current(wait);
}

// The latest rotations, oldest first; the older ones are trimmed meanwhile.
bool KeyRingFeed::catch_up(const store::RedisSubscriber::Query& query) {
  auto reply = query({"ZRANGE", rotations_key_, std::to_string(-rotations_kept), "-1", "WITHSCORES"});
  if (!reply) return false;
  const auto& e = reply->elements;
  for (std::size_t i = 0; i + 1 < e.size(); i += 2) {
    const auto generation = integer_of(e[i].str);
    if (!generation) continue;
    try {
      keys_.rotate_to(*generation, std::stod(e[i + 1].str) / 1e6);
    } catch (const std::exception&) {  // an unreadable time: that rotation is skipped, the next one applies
    }
  }
  query({"ZREMRANGEBYRANK", rotations_key_, "0", std::to_string(-rotations_kept - 1)});
  return true;
}

void KeyRingFeed::apply(std::string_view message) {
  const auto space = message.find(' ');
  if (space == std::string_view::npos) return;
  const auto generation = integer_of(message.substr(0, space));
  const auto at_us = integer_of(message.substr(space + 1));
  if (generation && at_us) keys_.rotate_to(*generation, static_cast<double>(*at_us) / 1e6);
}

}  // namespace revbench::strategies

#include "strategies/common/revocation_feed.hpp"

#include <charconv>
#include <cmath>

#include "harness/jwt/claims.hpp"
#include "harness/store/redis_bulk_writer.hpp"
#include "harness/store/redis_client.hpp"
#include "strategies/common/access_tokens.hpp"
#include "strategies/common/remaining_lifetimes.hpp"

namespace revbench::strategies {
namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t to_int(std::string_view text) {
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// Sorted-set scores come back as decimal text ("1700000000" or "1.7e+15").
std::int64_t score_of(const std::string& text) { return static_cast<std::int64_t>(std::llround(std::stod(text))); }

// The next space-separated word of `text`, consumed.
std::string_view next_word(std::string_view& text) {
  const auto space = text.find(' ');
  const auto word = text.substr(0, space);
  text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  return word;
}

}  // namespace

RevocationFeed::RevocationFeed(std::string prefix, std::chrono::seconds token_ttl)
    : denied_key_(prefix + ":denied"),
      users_key_(prefix + ":users"),
      channel_(prefix + ":revocations"),
      token_ttl_(token_ttl) {}

RevocationFeed::~RevocationFeed() = default;

std::int64_t RevocationFeed::user_entry_expiry(std::int64_t not_before_us) const {
  return not_before_us / 1000000 + token_ttl_.count() + 1;
}

boost::asio::awaitable<Outcome<Done>> RevocationFeed::deny(Context& ctx, const std::string& jti, std::int64_t expires_at) {
  const std::string exp = std::to_string(expires_at);
  auto recorded = co_await ctx.redis.execute(&ctx.tally, "ZADD", denied_key_, exp, jti);
  if (!recorded) co_return Outcome<Done>::refused(store_unavailable(recorded.error().message));
  memory_.deny(jti, expires_at);
  auto announced = co_await ctx.redis.execute(&ctx.tally, "PUBLISH", channel_, "deny " + exp + " " + jti);
  if (!announced) co_return Outcome<Done>::refused(store_unavailable(announced.error().message));
  co_return Outcome<Done>::ok({});
}

boost::asio::awaitable<Outcome<Done>> RevocationFeed::end_sessions(Context& ctx, const std::string& user,
                                                                   std::int64_t not_before_us) {
  const std::string at = std::to_string(not_before_us);
  // GT: a later revocation is never undone by an earlier one arriving last.
  auto recorded = co_await ctx.redis.execute(&ctx.tally, "ZADD", users_key_, "GT", at, user);
  if (!recorded) co_return Outcome<Done>::refused(store_unavailable(recorded.error().message));
  memory_.end_sessions(user, not_before_us, user_entry_expiry(not_before_us));
  auto announced = co_await ctx.redis.execute(&ctx.tally, "PUBLISH", channel_, "user " + at + " " + user);
  if (!announced) co_return Outcome<Done>::refused(store_unavailable(announced.error().message));
  co_return Outcome<Done>::ok({});
}

TokenStanding RevocationFeed::remembered(const std::string& jti, const std::string& user) const {
  return TokenStanding{memory_.denied(jti), memory_.not_before_us(user), false};
}

boost::asio::awaitable<Outcome<TokenStanding>> RevocationFeed::standing(Context& ctx, const std::string& jti,
                                                                        const std::string& user, bool fail_open) {
  if (fresh()) co_return Outcome<TokenStanding>::ok(remembered(jti, user));
  auto denied = co_await ctx.redis.execute(&ctx.tally, "ZSCORE", denied_key_, jti);
  // (if, not ?: : GCC 12 miscompiles co_await inside a conditional expression)
  std::optional<store::StoreResult<store::RedisReply>> ended;
  if (denied) ended = co_await ctx.redis.execute(&ctx.tally, "ZSCORE", users_key_, user);
  if (!denied || !*ended) {
    if (!fail_open) co_return Outcome<TokenStanding>::refused(store_unavailable("Redis did not answer"));
    auto stale = remembered(jti, user);
    stale.from_stale_memory = true;
    co_return Outcome<TokenStanding>::ok(stale);
  }
  TokenStanding read{!denied->is_nil(), std::nullopt, false};
  if (!(*ended)->is_nil()) {
    try {
      read.not_before_us = score_of((*ended)->str);
    } catch (const std::exception&) {  // not a number: what it meant cannot be known, so refuse
      co_return Outcome<TokenStanding>::refused(store_unavailable("unreadable not-before score for a user"));
    }
  }
  co_return Outcome<TokenStanding>::ok(read);
}

long long RevocationFeed::write_prior_denied(store::RedisBulkWriter& redis, long long count, std::int64_t now) const {
  RemainingLifetimes remaining(token_ttl_);
  for (long long i = 0; i < count; ++i)
    redis.write({"ZADD", denied_key_, std::to_string(now + remaining.next()), jwt::random_id()});
  return count;
}

// A user's sessions ended at a moment of the last TTL (older ones matter no more).
long long RevocationFeed::write_prior_ended(store::RedisBulkWriter& redis, const contract::Population& population,
                                            std::int64_t now) const {
  RemainingLifetimes remaining(token_ttl_);
  for (long long i = 0; i < population.prior_revocations; ++i) {
    const std::int64_t at_us = (now - token_ttl_.count() + remaining.next()) * 1000000;
    redis.write({"ZADD", users_key_, "GT", std::to_string(at_us), population.holder(i)});
  }
  return population.holders_of(population.prior_revocations);
}

bool RevocationFeed::follow(const std::string& redis_url, std::chrono::milliseconds wait) {
  if (!subscriber_) {
    subscriber_ = std::make_unique<store::RedisSubscriber>(
        store::parse_redis_url(redis_url), channel_,
        store::RedisSubscriber::Handlers{[this](const auto& query) { return catch_up(query); },
                                         [this](std::string_view message) { apply(message); },
                                         [this](const auto& query) { upkeep(query); }});
  }
  published_.store(subscriber_.get(), std::memory_order_release);
  return subscriber_->wait_until_current(wait);
}

// Everything still alive, read after the subscription is in place: what was
// published while we were away is in the sets, what comes next on the channel.
bool RevocationFeed::catch_up(const store::RedisSubscriber::Query& query) {
  const auto now = unix_now();
  const std::int64_t since_us = (now - token_ttl_.count() - 1) * 1000000;
  return read_pages(query, denied_key_, now,
                    [this](const std::string& jti, std::int64_t exp) { memory_.deny(jti, exp); }) &&
         read_pages(query, users_key_, since_us, [this](const std::string& user, std::int64_t at) {
           memory_.end_sessions(user, at, user_entry_expiry(at));
         });
}

// A page at a time, by cursor: a million entries never sit in one reply (and
// in this process's peak memory) at once, and each page costs the same.
// ZSCAN may repeat an entry, which applying twice does not mind.
bool RevocationFeed::read_pages(const store::RedisSubscriber::Query& query, const std::string& key,
                                std::int64_t min_score, const std::function<void(const std::string&, std::int64_t)>& each) {
  std::string cursor = "0";
  do {
    auto reply = query({"ZSCAN", key, cursor, "COUNT", "10000"});
    if (!reply || reply->elements.size() != 2) return false;
    cursor = reply->elements[0].str;
    const auto& e = reply->elements[1].elements;
    for (std::size_t i = 0; i + 1 < e.size(); i += 2)
      if (const auto score = score_of(e[i + 1].str); score >= min_score) each(e[i].str, score);
  } while (cursor != "0");
  return true;
}

void RevocationFeed::apply(std::string_view message) {
  const auto kind = next_word(message);
  const auto at = to_int(next_word(message));
  if (message.empty()) return;
  if (kind == "deny") memory_.deny(message, at);
  if (kind == "user") memory_.end_sessions(message, at, user_entry_expiry(at));
}

// Dead tokens need no entry, here or in Redis.
void RevocationFeed::upkeep(const store::RedisSubscriber::Query& query) {
  const auto now = unix_now();
  memory_.prune(now);
  query({"ZREMRANGEBYSCORE", denied_key_, "-inf", std::to_string(now)});
  query({"ZREMRANGEBYSCORE", users_key_, "-inf", std::to_string((now - token_ttl_.count() - 1) * 1000000)});
}

}  // namespace revbench::strategies

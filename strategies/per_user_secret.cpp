#include "strategies/per_user_secret.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/hmac_sha256.hpp"
#include "harness/jwt/key_derivation.hpp"
#include "harness/jwt/random_bytes.hpp"
#include "harness/jwt/unverified_subject.hpp"
#include "harness/store/redis_bulk_writer.hpp"
#include "harness/store/redis_client.hpp"
#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/propagation_bound.hpp"
#include "strategies/common/revocation_feed.hpp"

namespace revbench::strategies {
namespace {
using namespace std::chrono_literals;

constexpr std::string_view secrets_key = "usecret";

std::string random_secret() {
  return jwt::random_text(32);
}

// Users' key rings, shared by the worker threads.
class KeyCache {
 public:
  struct Entry {
    std::shared_ptr<const jwt::KeyRing> ring;
    std::int64_t fetched_at_us = 0;  // when the secret was asked for (before the answer)
  };
  std::optional<Entry> find(const std::string& user) const {
    const Shard& shard = shard_for(user);
    std::shared_lock lock(shard.mutex);
    const auto found = shard.entries.find(user);
    if (found == shard.entries.end()) return std::nullopt;
    return found->second;
  }
  void put(const std::string& user, Entry entry) {
    Shard& shard = shard_for(user);
    std::unique_lock lock(shard.mutex);
    shard.entries[user] = std::move(entry);
  }
  void forget(const std::string& user) {
    Shard& shard = shard_for(user);
    std::unique_lock lock(shard.mutex);
    shard.entries.erase(user);
  }

 private:
  struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, Entry> entries;
  };
  static constexpr std::size_t shard_count = 16;
  Shard& shard_for(const std::string& user) { return shards_[std::hash<std::string>{}(user) % shard_count]; }
  const Shard& shard_for(const std::string& user) const {
    return shards_[std::hash<std::string>{}(user) % shard_count];
  }
  std::array<Shard, shard_count> shards_;
};

class PerUserSecret final : public AccessTokenStrategy {
 public:
  explicit PerUserSecret(const StrategyOptions& o)
      : AccessTokenStrategy(ttl_or(o, 900s), ttl_or(o, 900s), o),
        global_(o.signing_seed.empty() ? random_secret() : jwt::derive_secret(o.signing_seed, "revbench per-user global")),
        feed_("usecret", tokens_.ttl()),
        skew_us_(std::chrono::duration_cast<std::chrono::microseconds>(o.clock_skew).count()),
        fail_open_(o.fail_open) {}

  std::string_view name() const override { return "per-user-secret"; }

  std::vector<PromiseFor> promises() const override {
    const auto bound = [](Event event, std::string note) {
      return PromiseFor{event, Promise::within_bound, std::move(note), propagation_bound};
    };
    return {
        bound(Event::logout, "the user's secret is rotated: every device of the user is logged out"),
        bound(Event::logout_all, "the user's secret is rotated; other instances drop their cached copy"),
        bound(Event::password_change, "every session ends, the caller's included"),
        bound(Event::ban, "the user's secret is rotated, and new logins are refused"),
        bound(Event::stolen_access_token, "the victim's logout rotates the secret the stolen token was signed with"),
        {Event::stolen_refresh_thief_first, Promise::not_applicable, "no refresh tokens"},
        {Event::stolen_refresh_victim_first, Promise::not_applicable, "no refresh tokens"},
        {Event::secret_rotation, Promise::after_access_ttl,
         "the admin rotation leaves per-user keys alone: tokens live out their TTL (revoking rotates one user's secret)"},
        {Event::reset_token_replay, Promise::immediate, "reset tokens are single use (signed with the password hash)"},
    };
  }

  boost::asio::awaitable<Outcome<TokenPair>> issue(Context& ctx, const UserRecord& user, std::string sid) override {
    auto ring = co_await ring_for(ctx, user.name, true);
    if (!ring) co_return Outcome<TokenPair>::refused(ring.refusal);
    co_return Outcome<TokenPair>::ok(
        TokenPair{tokens_.mint_with((*ring.value)->current(), user.name, sid, ctx.now), std::nullopt, tokens_.ttl().count()});
  }

  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    const auto user = jwt::unverified_subject(token);
    if (!user) co_return Outcome<Principal>::refused({Refusal::Kind::unauthorized, contract::Reason::malformed, "no readable 'sub'"});
    auto ring = co_await ring_for(ctx, *user, false);
    if (!ring) co_return Outcome<Principal>::refused(ring.refusal);
    auto claims = tokens_.check_with(**ring.value, token, ctx.now);
    if (!claims) {
      // Signed with a key the user no longer has: a rotated secret is this strategy's revocation.
      if (claims.refusal.reason == contract::Reason::bad_signature) claims.refusal = revoked("signed with a rotated per-user secret");
      co_return Outcome<Principal>::refused(claims.refusal);
    }
    co_return Outcome<Principal>::ok(principal_of(std::move(*claims.value)));
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    co_return co_await end_sessions(ctx, who.user, std::nullopt);
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    auto rotated = co_await ctx.redis.execute(&ctx.tally, "HSET", secrets_key, user, random_secret());
    if (!rotated) co_return Outcome<Done>::refused(store_unavailable(rotated.error().message));
    cache_.forget(user);
    // Stamped after the write: a copy fetched before it is stale everywhere.
    const auto written_us = static_cast<std::int64_t>(jwt::unix_now() * 1e6);
    co_return co_await feed_.end_sessions(ctx, user, written_us);
  }

  bool follow(const std::string& redis_url, std::chrono::milliseconds wait) override {
    const bool ring = AccessTokenStrategy::follow(redis_url, wait);
    return feed_.follow(redis_url, wait) && ring;
  }

  // A live session's user has a secret; a prior revocation rotated one (the
  // new secret, and the feed's entry that says when).
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    const long long secrets = std::max(population.live_sessions, population.prior_revocations);
    for (long long i = 0; i < secrets; ++i)
      stores.redis.write({"HSET", secrets_key, population.holder(i), random_secret()});
    feed_.write_prior_ended(stores.redis, population, stores.now);
    return {population.holders_of(population.live_sessions), population.holders_of(population.prior_revocations)};
  }

 private:
  using Ring = std::shared_ptr<const jwt::KeyRing>;

  // The user's key ring: cached unless a rotation came after it was fetched,
  // or the feed that would have said so is not fresh.
  boost::asio::awaitable<Outcome<Ring>> ring_for(Context& ctx, const std::string& user, bool create) {
    const auto rotated_at = feed_.memory().not_before_us(user);
    if (auto cached = cache_.find(user);
        cached && feed_.fresh() && (!rotated_at || *rotated_at + skew_us_ < cached->fetched_at_us))
      co_return Outcome<Ring>::ok(cached->ring);
    const auto asked_at = static_cast<std::int64_t>(jwt::unix_now() * 1e6);
    auto secret = co_await ctx.redis.execute(&ctx.tally, "HGET", secrets_key, user);
    if (!secret) {
      // --fail-open: the cached key, though a rotation since the feed went quiet may have retired it.
      if (auto cached = cache_.find(user); cached && fail_open_ && !create) co_return Outcome<Ring>::ok(cached->ring);
      co_return Outcome<Ring>::refused(store_unavailable(secret.error().message));
    }
    if (secret->is_nil()) {
      if (!create) co_return Outcome<Ring>::refused(revoked("the user has no secret"));
      // First login: whoever sets it first wins, every instance reads that one.
      auto set = co_await ctx.redis.execute(&ctx.tally, "HSETNX", secrets_key, user, random_secret());
      if (!set) co_return Outcome<Ring>::refused(store_unavailable(set.error().message));
      secret = co_await ctx.redis.execute(&ctx.tally, "HGET", secrets_key, user);
      if (!secret || secret->is_nil())
        co_return Outcome<Ring>::refused(store_unavailable(secret ? "the user's secret vanished" : secret.error().message));
    }
    const auto derived = global_.mac(secret->str);
    auto ring = std::make_shared<jwt::KeyRing>();
    ring->add(jwt::Key::hmac("u", std::string(reinterpret_cast<const char*>(derived.data()), derived.size())));
    cache_.put(user, {ring, asked_at});
    co_return Outcome<Ring>::ok(std::move(ring));
  }

  jwt::HmacSha256 global_;
  RevocationFeed feed_;
  KeyCache cache_;
  std::int64_t skew_us_;
  bool fail_open_;
};

}  // namespace

std::unique_ptr<Strategy> make_per_user_secret(const StrategyOptions& options) {
  return std::make_unique<PerUserSecret>(options);
}

}  // namespace revbench::strategies

#include "strategies/redis_denylist.hpp"

#include <algorithm>

#include "harness/store/redis_client.hpp"
#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/denial_check.hpp"
#include "strategies/common/replica_reads.hpp"

namespace revbench::strategies {
namespace {

class RedisDenylist final : public AccessTokenStrategy {
 public:
  explicit RedisDenylist(const StrategyOptions& o)
      : AccessTokenStrategy(ttl_or(o, std::chrono::seconds(900)), ttl_or(o, std::chrono::seconds(900)), o),
        fail_open_(o.fail_open),
        reads_replica_(o.redis_reads_replica) {}

  std::string_view name() const override { return "redis-denylist"; }

  std::vector<PromiseFor> promises() const override {
    std::vector<PromiseFor> promises{
        {Event::logout, Promise::immediate, "the token's jti is denied for its remaining lifetime"},
        {Event::logout_all, Promise::immediate, "one per-user not-before key ends every device"},
        {Event::password_change, Promise::immediate, "every session ends, the caller's included (per-user key)"},
        {Event::ban, Promise::immediate, "per-user not-before key, and new logins are refused"},
        {Event::stolen_access_token, Promise::immediate, "the victim's logout denies the stolen token"},
    };
    if (reads_replica_) read_from_replica(promises, "a Redis replica");
    add_shared_promises(promises, true);
    return promises;
  }

  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    auto claims = tokens_.check(token, ctx.now);
    if (!claims) co_return Outcome<Principal>::refused(claims.refusal);
    const auto& c = *claims.value;
    const std::string deny_key = "deny:" + c.jti;
    const std::string nbf_key = "nbf:" + c.sub;
    auto reply = co_await ctx.redis_reads().execute(&ctx.tally, "MGET", deny_key, nbf_key);
    if (!reply) {
      if (!fail_open_) co_return Outcome<Principal>::refused(store_unavailable(reply.error().message));
      auto unchecked = principal_of(std::move(*claims.value));
      unchecked.failed_open = true;
      co_return Outcome<Principal>::ok(std::move(unchecked));
    }
    if (auto denied = denial_of(*reply, c.iat_us, "token")) co_return Outcome<Principal>::refused(std::move(*denied));
    co_return Outcome<Principal>::ok(principal_of(std::move(*claims.value)));
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    // Exactly the remaining lifetime: a fixed TTL would either forget the jti
    // while the token still works or keep garbage after it has expired.
    const auto remaining = std::max<std::int64_t>(1, who.exp - static_cast<std::int64_t>(ctx.now));
    auto reply = co_await ctx.redis.execute(&ctx.tally, "SET", "deny:" + who.jti, "1", "EX", std::to_string(remaining));
    if (!reply) co_return Outcome<Done>::refused(store_unavailable(reply.error().message));
    co_return Outcome<Done>::ok({});
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    const auto now_us = static_cast<std::int64_t>(ctx.now * 1e6);
    auto reply = co_await ctx.redis.execute(&ctx.tally, "SET", "nbf:" + user, std::to_string(now_us), "EX",
                                            std::to_string(tokens_.ttl().count() + 1));
    if (!reply) co_return Outcome<Done>::refused(store_unavailable(reply.error().message));
    co_return Outcome<Done>::ok({});
  }

 private:
  bool fail_open_;
  bool reads_replica_;
};

}  // namespace

std::unique_ptr<Strategy> make_redis_denylist(const StrategyOptions& options) {
  return std::make_unique<RedisDenylist>(options);
}

}  // namespace revbench::strategies

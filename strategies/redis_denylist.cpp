#include "strategies/redis_denylist.hpp"

#include <algorithm>

#include "harness/jwt/claims.hpp"
#include "harness/store/redis_bulk_writer.hpp"
#include "harness/store/redis_client.hpp"
#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/denial_check.hpp"
#include "strategies/common/remaining_lifetimes.hpp"
#include "strategies/common/replica_reads.hpp"

namespace revbench::strategies {
namespace {

class RedisDenylist final : public AccessTokenStrategy {
 public:
  explicit RedisDenylist(const StrategyOptions& o)
      : AccessTokenStrategy(ttl_or(o, std::chrono::seconds(900)), ttl_or(o, std::chrono::seconds(900)), o),
        fail_open_(o.fail_open),
        reads_replica_(o.redis_reads_replica),
        wait_replica_(o.wait_replica) {}

  std::string_view name() const override { return "redis-denylist"; }

  std::vector<PromiseFor> promises() const override {
    std::vector<PromiseFor> promises{
        {Event::logout, Promise::immediate, "the token's jti is denied for its remaining lifetime"},
        {Event::logout_all, Promise::immediate, "one per-user not-before key ends every device"},
        {Event::password_change, Promise::immediate, "every session ends, the caller's included (per-user key)"},
        {Event::ban, Promise::immediate, "per-user not-before key, and new logins are refused"},
        {Event::stolen_access_token, Promise::immediate, "the victim's logout denies the stolen token"},
    };
    // WAIT answers once the replica the checks read has the deny: nothing left to lag.
    if (reads_replica_ && wait_replica_.count() == 0) read_from_replica(promises, "a Redis replica");
    if (wait_replica_.count() > 0)
      for (auto& p : promises) p.note += "; the revocation answers once a replica has it (WAIT)";
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
    co_return co_await replicated(ctx);
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    const auto now_us = static_cast<std::int64_t>(ctx.now * 1e6);
    auto reply = co_await ctx.redis.execute(&ctx.tally, "SET", "nbf:" + user, std::to_string(now_us), "EX",
                                            std::to_string(tokens_.ttl().count() + 1));
    if (!reply) co_return Outcome<Done>::refused(store_unavailable(reply.error().message));
    co_return co_await replicated(ctx);
  }

  // A token logged out before the run: its deny key, for the rest of its life.
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    RemainingLifetimes remaining(tokens_.ttl());
    for (long long i = 0; i < population.prior_revocations; ++i)
      stores.redis.write({"SET", "deny:" + jwt::random_id(), "1", "EX", std::to_string(remaining.next())});
    return {0, population.prior_revocations};
  }

 private:
  // With --wait-replica: WAIT until a replica has every write of this
  // connection so far, the one just made included. A write no replica took
  // in time stays on the primary, where a failover could lose it: refused,
  // so the caller knows the revocation may not hold.
  boost::asio::awaitable<Outcome<Done>> replicated(Context& ctx) {
    if (wait_replica_.count() == 0) co_return Outcome<Done>::ok({});
    auto acked = co_await ctx.redis.execute(&ctx.tally, "WAIT", "1", std::to_string(wait_replica_.count()));
    if (!acked) co_return Outcome<Done>::refused(store_unavailable(acked.error().message));
    if (acked->integer < 1)
      co_return Outcome<Done>::refused(
          store_unavailable("no replica took the revocation within " + std::to_string(wait_replica_.count()) + " ms"));
    co_return Outcome<Done>::ok({});
  }

  bool fail_open_;
  bool reads_replica_;
  std::chrono::milliseconds wait_replica_;
};

}  // namespace

std::unique_ptr<Strategy> make_redis_denylist(const StrategyOptions& options) {
  return std::make_unique<RedisDenylist>(options);
}

}  // namespace revbench::strategies

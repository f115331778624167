#include "strategies/allowlist.hpp"

#include "harness/jwt/claims.hpp"
#include "harness/store/redis_bulk_writer.hpp"
#include "harness/store/redis_client.hpp"
#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/remaining_lifetimes.hpp"

namespace revbench::strategies {
namespace {

class Allowlist final : public AccessTokenStrategy {
 public:
  explicit Allowlist(const StrategyOptions& o) : AccessTokenStrategy(ttl_or(o, std::chrono::seconds(900)), ttl_or(o, std::chrono::seconds(900)), o) {}

  std::string_view name() const override { return "allowlist"; }

  std::vector<PromiseFor> promises() const override {
    std::vector<PromiseFor> promises{
        {Event::logout, Promise::immediate, "the session leaves the allow-list; the user's other devices stay"},
        {Event::logout_all, Promise::immediate, "the user's whole session list is deleted"},
        {Event::password_change, Promise::immediate, "every other session leaves the list; the caller's stays"},
        {Event::ban, Promise::immediate, "the user's session list is deleted, and new logins are refused"},
        {Event::stolen_access_token, Promise::immediate, "the victim's logout unlists the stolen token's session"},
    };
    add_shared_promises(promises, true);
    return promises;
  }

  boost::asio::awaitable<Outcome<TokenPair>> issue(Context& ctx, const UserRecord& user, std::string sid) override {
    const std::string key = sessions_of(user.name);
    auto pair = co_await AccessTokenStrategy::issue(ctx, user, sid);
    if (!pair) co_return pair;
    const auto expires = static_cast<std::int64_t>(ctx.now) + tokens_.ttl().count();
    auto listed = co_await ctx.redis.execute(&ctx.tally, "HSET", key, sid, std::to_string(expires));
    if (!listed) co_return Outcome<TokenPair>::refused(store_unavailable(listed.error().message));
    // The list lives as long as the newest token it allows.
    auto kept = co_await ctx.redis.execute(&ctx.tally, "EXPIRE", key, std::to_string(tokens_.ttl().count() + 1));
    if (!kept) co_return Outcome<TokenPair>::refused(store_unavailable(kept.error().message));
    co_return pair;
  }

  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    auto claims = tokens_.check(token, ctx.now);
    if (!claims) co_return Outcome<Principal>::refused(claims.refusal);
    const auto& c = *claims.value;
    const std::string key = sessions_of(c.sub);
    auto listed = co_await ctx.redis.execute(&ctx.tally, "HEXISTS", key, c.sid);
    if (!listed) co_return Outcome<Principal>::refused(store_unavailable(listed.error().message));
    if (listed->integer != 1) co_return Outcome<Principal>::refused(revoked("the session is not in the allow-list"));
    co_return Outcome<Principal>::ok(principal_of(std::move(*claims.value)));
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    const std::string key = sessions_of(who.user);
    auto reply = co_await ctx.redis.execute(&ctx.tally, "HDEL", key, who.sid);
    if (!reply) co_return Outcome<Done>::refused(store_unavailable(reply.error().message));
    co_return Outcome<Done>::ok({});
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string> keep) override {
    const std::string key = sessions_of(user);
    if (!keep) {
      auto reply = co_await ctx.redis.execute(&ctx.tally, "DEL", key);
      if (!reply) co_return Outcome<Done>::refused(store_unavailable(reply.error().message));
      co_return Outcome<Done>::ok({});
    }
    auto listed = co_await ctx.redis.execute(&ctx.tally, "HKEYS", key);
    if (!listed) co_return Outcome<Done>::refused(store_unavailable(listed.error().message));
    std::vector<std::string> args{"HDEL", key};
    for (const auto& field : listed->elements)
      if (field.str != *keep) args.push_back(field.str);
    if (args.size() == 2) co_return Outcome<Done>::ok({});
    const std::vector<std::string_view> argv(args.begin(), args.end());
    auto removed = co_await ctx.redis.execute(argv, &ctx.tally);
    if (!removed) co_return Outcome<Done>::refused(store_unavailable(removed.error().message));
    co_return Outcome<Done>::ok({});
  }

  // Sessions opened before the run and not expired: listed as issue() lists
  // them. A revoked session is unlisted, so prior revocations leave nothing.
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    RemainingLifetimes remaining(tokens_.ttl());
    const std::string list_life = std::to_string(tokens_.ttl().count() + 1);
    for (long long i = 0; i < population.live_sessions; ++i) {
      const std::string key = sessions_of(population.holder(i));
      stores.redis.write({"HSET", key, jwt::random_id(), std::to_string(stores.now + remaining.next())});
      stores.redis.write({"EXPIRE", key, list_life});
    }
    return {population.live_sessions, 0};
  }

 private:
  static std::string sessions_of(const std::string& user) { return "sess:" + user; }
};

}  // namespace

std::unique_ptr<Strategy> make_allowlist(const StrategyOptions& options) { return std::make_unique<Allowlist>(options); }

}  // namespace revbench::strategies

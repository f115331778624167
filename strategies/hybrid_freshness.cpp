#include "strategies/hybrid_freshness.hpp"

#include <charconv>

#include "harness/jwt/claims.hpp"
#include "harness/store/redis_bulk_writer.hpp"
#include "harness/store/redis_client.hpp"
#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/denial_check.hpp"
#include "strategies/common/remaining_lifetimes.hpp"

namespace revbench::strategies {
namespace {
using namespace std::chrono_literals;

constexpr std::string_view parametric_prefix = "hybrid-freshness-";
// The probe that sees the refusal runs after the check that makes it.
constexpr std::chrono::milliseconds probe_slack = 250ms;

class HybridFreshness final : public AccessTokenStrategy {
 public:
  HybridFreshness(const StrategyOptions& o, std::string name)
      : AccessTokenStrategy(ttl_or(o, 900s), ttl_or(o, 900s), o), freshness_(o.freshness), name_(std::move(name)) {}

  std::string_view name() const override { return name_; }
  std::string_view state_layout() const override { return "hybrid-freshness"; }

  std::vector<PromiseFor> promises() const override {
    const std::string n = std::to_string(freshness_.count()) + " s";
    const auto bound = [&](Event event, std::string note) {
      return PromiseFor{event, Promise::within_bound, std::move(note),
                        std::chrono::duration_cast<std::chrono::milliseconds>(freshness_) + probe_slack};
    };
    std::vector<PromiseFor> promises{
        bound(Event::logout, "the session is denied; a token younger than " + n + " is trusted until it is that old"),
        bound(Event::logout_all, "one per-user time; tokens are checked against it once older than " + n),
        bound(Event::password_change, "every session ends, the caller's included, within " + n),
        bound(Event::ban, "per-user time, and new logins are refused; live tokens within " + n),
        bound(Event::stolen_access_token, "the stolen copy dies with its session once older than " + n),
    };
    add_shared_promises(promises, false);
    // Renewal re-signs with whatever key is current: a session that keeps
    // being renewed outlives the key it started with.
    promises.push_back({Event::secret_rotation, Promise::not_revoked,
                        "a renewed token is signed with the new key: sessions in use survive the rotation"});
    return promises;
  }

  // The session's start rides along in `ver` through every renewal: a
  // renewal's own iat can postdate a logout-all that was being written while
  // its check read the store, its session's start cannot.
  boost::asio::awaitable<Outcome<TokenPair>> issue(Context& ctx, const UserRecord& user, std::string sid) override {
    const auto started_us = static_cast<std::int64_t>(ctx.now * 1e6);
    co_return Outcome<TokenPair>::ok(
        TokenPair{tokens_.mint(user.name, sid, ctx.now, started_us), std::nullopt, tokens_.ttl().count()});
  }

  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    auto claims = tokens_.check(token, ctx.now);
    if (!claims) co_return Outcome<Principal>::refused(claims.refusal);
    const auto& c = *claims.value;
    const auto age_us = static_cast<std::int64_t>(ctx.now * 1e6) - c.iat_us;
    if (age_us < std::chrono::duration_cast<std::chrono::microseconds>(freshness_).count())
      co_return Outcome<Principal>::ok(principal_of(std::move(*claims.value)));
    auto reply = co_await ctx.redis.execute(&ctx.tally, "MGET", denied_key(c.sid), ended_key(c.sub));
    if (!reply) co_return Outcome<Principal>::refused(store_unavailable(reply.error().message));
    const auto session_started_us = c.ver.value_or(c.iat_us);
    if (auto denied = denial_of(*reply, session_started_us, "session"))
      co_return Outcome<Principal>::refused(std::move(*denied));
    std::string renewed = tokens_.mint(c.sub, c.sid, ctx.now, session_started_us);
    auto principal = principal_of(std::move(*claims.value));
    principal.renewed_token = std::move(renewed);
    co_return Outcome<Principal>::ok(std::move(principal));
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    // As long as the session's newest token can live: renewals keep minting them.
    auto reply = co_await ctx.redis.execute(&ctx.tally, "SET", denied_key(who.sid), "1", "EX", lifetime());
    if (!reply) co_return Outcome<Done>::refused(store_unavailable(reply.error().message));
    co_return Outcome<Done>::ok({});
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    const auto now_us = static_cast<std::int64_t>(ctx.now * 1e6);
    auto reply = co_await ctx.redis.execute(&ctx.tally, "SET", ended_key(user), std::to_string(now_us), "EX", lifetime());
    if (!reply) co_return Outcome<Done>::refused(store_unavailable(reply.error().message));
    co_return Outcome<Done>::ok({});
  }

  // Sessions logged out before the run, each key for its session's longest life.
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    RemainingLifetimes remaining(tokens_.ttl() + std::chrono::seconds(1));
    for (long long i = 0; i < population.prior_revocations; ++i)
      stores.redis.write({"SET", denied_key(jwt::random_id()), "1", "EX", std::to_string(remaining.next())});
    return {0, population.prior_revocations};
  }

 private:
  static std::string denied_key(const std::string& sid) { return "fresh:deny:" + sid; }
  static std::string ended_key(const std::string& user) { return "fresh:ended:" + user; }
  std::string lifetime() const { return std::to_string(tokens_.ttl().count() + 1); }

  std::chrono::seconds freshness_;
  std::string name_;
};

}  // namespace

std::optional<std::chrono::seconds> hybrid_freshness_bound(std::string_view name) {
  if (!name.starts_with(parametric_prefix) || !name.ends_with("s")) return std::nullopt;
  const auto digits = name.substr(parametric_prefix.size(), name.size() - parametric_prefix.size() - 1);
  int seconds = -1;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
  if (ec != std::errc() || end != digits.data() + digits.size() || seconds < 0 || seconds > 86400) return std::nullopt;
  return std::chrono::seconds(seconds);
}

std::unique_ptr<Strategy> make_hybrid_freshness(const StrategyOptions& options) {
  return std::make_unique<HybridFreshness>(options, "hybrid-freshness");
}

std::unique_ptr<Strategy> make_hybrid_freshness_named(std::string_view name, StrategyOptions options) {
  options.freshness = *hybrid_freshness_bound(name);
  return std::make_unique<HybridFreshness>(options, std::string(name));
}

}  // namespace revbench::strategies

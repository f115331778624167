#include "strategies/not_before.hpp"

#include <algorithm>

#include "strategies/common/feed_strategy.hpp"
#include "strategies/common/propagation_bound.hpp"

namespace revbench::strategies {
namespace {
using namespace std::chrono_literals;

class NotBefore final : public FeedStrategy {
 public:
  explicit NotBefore(const StrategyOptions& o)
      : FeedStrategy(ttl_or(o, 900s), o, "notbefore"),
        skew_us_(std::chrono::duration_cast<std::chrono::microseconds>(o.clock_skew).count()) {}

  std::string_view name() const override { return "not-before"; }

  std::vector<PromiseFor> promises() const override {
    const auto bound = [](Event event, std::string note) {
      return PromiseFor{event, Promise::within_bound, std::move(note), propagation_bound};
    };
    std::vector<PromiseFor> promises{
        bound(Event::logout, "the user's not-before time moves: every device of the user is logged out"),
        bound(Event::logout_all, "one per-user not-before time, in every instance's memory"),
        bound(Event::password_change, "every session ends, the caller's included"),
        bound(Event::ban, "per-user not-before time, and new logins are refused"),
        bound(Event::stolen_access_token, "the victim's logout ends every token of the victim"),
    };
    add_shared_promises(promises, true);
    return promises;
  }

  // Never mint a token a known revocation would refuse: its stamp (`ver`, the
  // time compared with T) goes past T. Its `iat` stays the clock's, or a T set
  // ahead for the skew would make the token not yet valid.
  boost::asio::awaitable<Outcome<TokenPair>> issue(Context& ctx, const UserRecord& user, std::string sid) override {
    auto stamp = static_cast<std::int64_t>(ctx.now * 1e6);
    if (const auto not_before = feed_.memory().not_before_us(user.name))
      stamp = std::max(stamp, *not_before + minted_after_us);
    co_return Outcome<TokenPair>::ok(TokenPair{tokens_.mint(user.name, sid, ctx.now, stamp), std::nullopt, tokens_.ttl().count()});
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    co_return co_await end_sessions(ctx, who.user, std::nullopt);
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    co_return co_await feed_.end_sessions(ctx, user, static_cast<std::int64_t>(ctx.now * 1e6) + skew_us_);
  }

  // Users whose sessions ended before the run: each instance loads them as it starts.
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    return {0, feed_.write_prior_ended(stores.redis, population, stores.now)};
  }

 private:
  std::optional<Refusal> refusal_for(const jwt::Claims& claims, const TokenStanding& standing) const override {
    if (standing.not_before_us && claims.ver.value_or(claims.iat_us) <= *standing.not_before_us)
      return revoked("issued before the user's sessions ended");
    return std::nullopt;
  }

  // Microseconds between a revocation time and the first stamp minted after it.
  static constexpr std::int64_t minted_after_us = 1;

  std::int64_t skew_us_;
};

}  // namespace

std::unique_ptr<Strategy> make_not_before(const StrategyOptions& options) { return std::make_unique<NotBefore>(options); }

}  // namespace revbench::strategies

#include "strategies/local_denylist.hpp"

#include <algorithm>

#include "strategies/common/feed_strategy.hpp"
#include "strategies/common/propagation_bound.hpp"

namespace revbench::strategies {
namespace {
using namespace std::chrono_literals;

class LocalDenylist final : public FeedStrategy {
 public:
  explicit LocalDenylist(const StrategyOptions& o) : FeedStrategy(ttl_or(o, 900s), o, "ldeny") {}

  std::string_view name() const override { return "local-denylist"; }

  std::vector<PromiseFor> promises() const override {
    const auto bound = [](Event event, std::string note) {
      return PromiseFor{event, Promise::within_bound, std::move(note), propagation_bound};
    };
    std::vector<PromiseFor> promises{
        bound(Event::logout, "denied in this instance's memory at once, on the others when pub/sub delivers it"),
        bound(Event::logout_all, "one per-user not-before time, in every instance's memory"),
        bound(Event::password_change, "every session ends, the caller's included (per-user time)"),
        bound(Event::ban, "per-user not-before time, and new logins are refused"),
        bound(Event::stolen_access_token, "the victim's logout denies the stolen token on every instance"),
    };
    add_shared_promises(promises, true);
    return promises;
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    co_return co_await feed_.deny(ctx, who.jti, who.exp);
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    co_return co_await feed_.end_sessions(ctx, user, static_cast<std::int64_t>(ctx.now * 1e6));
  }

  // Tokens logged out before the run: each instance loads them as it starts.
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    return {0, feed_.write_prior_denied(stores.redis, population.prior_revocations, stores.now)};
  }

 private:
  std::optional<Refusal> refusal_for(const jwt::Claims& claims, const TokenStanding& standing) const override {
    if (standing.denied) return revoked("token denied");
    if (standing.not_before_us && claims.iat_us <= *standing.not_before_us)
      return revoked("issued before the user's sessions ended");
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_local_denylist(const StrategyOptions& options) {
  return std::make_unique<LocalDenylist>(options);
}

}  // namespace revbench::strategies

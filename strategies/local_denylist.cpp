#include "strategies/local_denylist.hpp"

#include <algorithm>

#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/revocation_feed.hpp"

namespace revbench::strategies {
namespace {
using namespace std::chrono_literals;

// What the strategy promises a fleet: the pub/sub hop takes milliseconds;
// a second leaves room for a loaded machine, not for a lost message.
constexpr std::chrono::milliseconds propagation_bound = 1s;

class LocalDenylist final : public AccessTokenStrategy {
 public:
  explicit LocalDenylist(const StrategyOptions& o)
      : AccessTokenStrategy(ttl_or(o, 900s), ttl_or(o, 900s), o), feed_("ldeny", tokens_.ttl()) {}

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

  // The deny-list is in this process's memory (followed from the feed): no wait.
  bool verifies_in_process() const override { return true; }
  Outcome<Principal> verify_in_process(Context& ctx, std::string_view token) override {
    auto claims = tokens_.check(token, ctx.now);
    if (!claims) return Outcome<Principal>::refused(std::move(claims.refusal));
    const auto& c = *claims.value;
    const auto& memory = feed_.memory();
    if (memory.denied(c.jti)) return Outcome<Principal>::refused(revoked("token denied"));
    if (const auto not_before = memory.not_before_us(c.sub); not_before && c.iat_us <= *not_before)
      return Outcome<Principal>::refused(revoked("issued before the user's sessions ended"));
    return Outcome<Principal>::ok(principal_of(std::move(*claims.value)));
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    co_return co_await feed_.deny(ctx, who.jti, who.exp);
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    co_return co_await feed_.end_sessions(ctx, user, static_cast<std::int64_t>(ctx.now * 1e6));
  }

  bool follow(const std::string& redis_url, std::chrono::milliseconds wait) override {
    return feed_.follow(redis_url, wait);
  }

 private:
  RevocationFeed feed_;
};

}  // namespace

std::unique_ptr<Strategy> make_local_denylist(const StrategyOptions& options) {
  return std::make_unique<LocalDenylist>(options);
}

}  // namespace revbench::strategies

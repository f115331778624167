#include "strategies/short_ttl.hpp"

#include "strategies/common/access_token_strategy.hpp"

namespace revbench::strategies {
namespace {

class ShortTtl final : public AccessTokenStrategy {
 public:
  explicit ShortTtl(const StrategyOptions& o)
      : AccessTokenStrategy(o.access_ttl.count() ? o.access_ttl : std::chrono::seconds(60),
                            o.access_ttl.count() ? o.access_ttl : std::chrono::seconds(60), o) {}

  std::string_view name() const override { return "short-ttl"; }
  bool verifies_in_process() const override { return true; }

  std::vector<PromiseFor> promises() const override {
    const std::string ttl = "the access TTL (" + std::to_string(tokens_.ttl().count()) + " s)";
    std::vector<PromiseFor> promises{
        {Event::logout, Promise::after_access_ttl, "the token is only dropped by the client; it works for " + ttl},
        {Event::logout_all, Promise::after_access_ttl, "nothing to revoke server side; tokens work for " + ttl},
        {Event::password_change, Promise::after_access_ttl, "other sessions keep working for " + ttl},
        {Event::ban, Promise::after_access_ttl, "new logins are refused at once; live tokens work for " + ttl},
        {Event::stolen_access_token, Promise::after_access_ttl, "the thief keeps access for " + ttl},
    };
    add_shared_promises(promises, true);
    return promises;
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context&, const Principal&) override { co_return Outcome<Done>::ok({}); }
  boost::asio::awaitable<Outcome<Done>> end_sessions(Context&, const std::string&, std::optional<std::string>) override {
    co_return Outcome<Done>::ok({});
  }
};

}  // namespace

std::unique_ptr<Strategy> make_short_ttl(const StrategyOptions& options) { return std::make_unique<ShortTtl>(options); }

}  // namespace revbench::strategies

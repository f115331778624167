#include "strategies/secret_rotation.hpp"

#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/propagation_bound.hpp"

namespace revbench::strategies {
namespace {

class SecretRotation final : public AccessTokenStrategy {
 public:
  explicit SecretRotation(const StrategyOptions& o)
      : AccessTokenStrategy(o.access_ttl.count() ? o.access_ttl : std::chrono::seconds(900), o.rotation_overlap, o),
        fail_open_(o.fail_open) {}

  std::string_view name() const override { return "secret-rotation"; }
  // A rotation here revokes: the keys are trusted while the fleet's ring is
  // fresh, and otherwise (a rotation elsewhere could have gone unheard) not,
  // or with --fail-open trusted anyway and counted.
  bool verifies_in_process() const override { return ring_.fresh(); }
  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    auto who = verify_in_process(ctx, token);
    if (!who || ring_.fresh()) co_return who;
    if (!fail_open_) co_return Outcome<Principal>::refused(store_unavailable("the key ring is not current"));
    who.value->failed_open = true;
    co_return who;
  }

  // Without an overlap the old key dies where the rotation ran at once, and
  // on the rest of a fleet when the key ring's announcement arrives (a ring
  // silent for longer is not trusted); with one, after the overlap.
  std::vector<PromiseFor> promises() const override {
    const bool at_once = keys_.overlap().count() == 0;
    const std::string when = at_once ? std::string("at once, on other instances when the key ring's announcement reaches them")
                                     : "after the " + std::to_string(keys_.overlap().count()) + " s overlap";
    const auto rotation = [&](Event event, std::string note) {
      return at_once ? PromiseFor{event, Promise::within_bound, std::move(note), propagation_bound, true}
                     : PromiseFor{event, Promise::after_access_ttl, std::move(note), {}, true};
    };
    std::vector<PromiseFor> promises{
        rotation(Event::logout, "the key is rotated: every user's tokens die " + when),
        rotation(Event::logout_all, "the key is rotated: every user's tokens die " + when),
        rotation(Event::password_change, "the key is rotated: every user's tokens die " + when),
        rotation(Event::ban, "the key is rotated: every user's tokens die " + when),
        rotation(Event::stolen_access_token, "the victim's logout rotates the key"),
        rotation(Event::secret_rotation, "tokens under the old kid fail with unknown_kid " + when),
    };
    add_shared_promises(promises, false);
    return promises;
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal&) override {
    co_return co_await rotate_secret(ctx);
  }
  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string&,
                                                     std::optional<std::string>) override {
    co_return co_await rotate_secret(ctx);
  }

 private:
  bool fail_open_;
};

}  // namespace

std::unique_ptr<Strategy> make_secret_rotation(const StrategyOptions& options) {
  return std::make_unique<SecretRotation>(options);
}

}  // namespace revbench::strategies

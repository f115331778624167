#include "strategies/secret_rotation.hpp"

#include "strategies/common/access_token_strategy.hpp"

namespace revbench::strategies {
namespace {

class SecretRotation final : public AccessTokenStrategy {
 public:
  explicit SecretRotation(const StrategyOptions& o)
      : AccessTokenStrategy(o.access_ttl.count() ? o.access_ttl : std::chrono::seconds(900), o.rotation_overlap, o) {}

  std::string_view name() const override { return "secret-rotation"; }
  bool verifies_in_process() const override { return true; }

  std::vector<PromiseFor> promises() const override {
    const std::string overlap = keys_.overlap().count() == 0
                                    ? std::string("at once")
                                    : "after the " + std::to_string(keys_.overlap().count()) + " s overlap";
    const Promise rotation = keys_.overlap().count() == 0 ? Promise::everyone_logged_out : Promise::after_access_ttl;
    std::vector<PromiseFor> promises{
        {Event::logout, rotation, "the key is rotated: every user's tokens die " + overlap},
        {Event::logout_all, rotation, "the key is rotated: every user's tokens die " + overlap},
        {Event::password_change, rotation, "the key is rotated: every user's tokens die " + overlap},
        {Event::ban, rotation, "the key is rotated: every user's tokens die " + overlap},
        {Event::stolen_access_token, rotation, "the victim's logout rotates the key"},
        {Event::secret_rotation, rotation, "tokens under the old kid fail with unknown_kid " + overlap},
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
};

}  // namespace

std::unique_ptr<Strategy> make_secret_rotation(const StrategyOptions& options) {
  return std::make_unique<SecretRotation>(options);
}

}  // namespace revbench::strategies

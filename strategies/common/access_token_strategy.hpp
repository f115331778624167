#pragma once
// What the strategies without refresh tokens share: an access token per
// login, no refresh grant, and a graceful key rotation (the old key verifies
// until every token it signed has expired) unless the strategy says otherwise,
// shared by every instance of a fleet (KeyRingFeed).
#include "strategies/common/access_tokens.hpp"
#include "strategies/common/key_ring_feed.hpp"
#include "strategies/strategy_options.hpp"
#include "strategies/strategy.hpp"

namespace revbench::strategies {

class AccessTokenStrategy : public Strategy {
 public:
  boost::asio::awaitable<Outcome<TokenPair>> issue(Context& ctx, const UserRecord& user, std::string sid) override;
  // verify_in_process's verdict; strategies with a store check override it.
  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view access_token) override;
  // Signature and expiry only; the strategies that check their own memory too override it.
  Outcome<Principal> verify_in_process(Context& ctx, std::string_view access_token) override;
  boost::asio::awaitable<Outcome<TokenPair>> refresh(Context& ctx, std::string_view refresh_token) override;
  boost::asio::awaitable<Outcome<Done>> rotate_secret(Context& ctx) override;
  std::vector<jwt::Key> verifying_keys(double now) const override { return keys_.verifying_keys(now); }
  bool follow(const std::string& redis_url, std::chrono::milliseconds wait) override {
    return ring_.follow(redis_url, wait);
  }

 protected:
  AccessTokenStrategy(std::chrono::seconds ttl, std::chrono::seconds rotation_overlap, const StrategyOptions& o)
      : keys_(o.algorithm, rotation_overlap, o.signing_seed), ring_(keys_), tokens_(keys_, ttl, o.clock_skew) {}
  // The rows every strategy without refresh tokens shares: no refresh events,
  // single-use reset tokens, and (unless it rotates to revoke) a graceful rotation.
  static void add_shared_promises(std::vector<PromiseFor>& promises, bool graceful_rotation);
  // The access TTL the options ask for, or the strategy's own default.
  static std::chrono::seconds ttl_or(const StrategyOptions& o, std::chrono::seconds fallback) {
    return o.access_ttl.count() ? o.access_ttl : fallback;
  }
  // pg-token-version puts the user's version in its tokens.
  virtual std::optional<std::int64_t> version_claim(const UserRecord&) const { return std::nullopt; }

  SigningKeys keys_;
  KeyRingFeed ring_;
  AccessTokens tokens_;
};

}  // namespace revbench::strategies

#pragma once
// What the strategies that judge tokens from a followed feed share
// (local-denylist, not-before): the feed, the verdict from memory while it
// is fresh, from Redis while it is not, and --fail-open's memory when Redis
// is silent too. Each says only how a token's standing is judged.
#include <string>

#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/revocation_feed.hpp"

namespace revbench::strategies {

class FeedStrategy : public AccessTokenStrategy {
 public:
  // In memory, no wait, while the feed is fresh; Redis is asked when it is not.
  bool verifies_in_process() const override { return feed_.fresh(); }
  Outcome<Principal> verify_in_process(Context& ctx, std::string_view token) override;
  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override;
  bool follow(const std::string& redis_url, std::chrono::milliseconds wait) override {
    const bool ring = AccessTokenStrategy::follow(redis_url, wait);
    return feed_.follow(redis_url, wait) && ring;
  }

 protected:
  // `prefix` names the feed's keys and channel in Redis.
  FeedStrategy(std::chrono::seconds ttl, const StrategyOptions& o, std::string prefix)
      : AccessTokenStrategy(ttl, ttl, o), feed_(std::move(prefix), tokens_.ttl()), fail_open_(o.fail_open) {}
  // Why a token with this standing is revoked, or nullopt when it is not.
  virtual std::optional<Refusal> refusal_for(const jwt::Claims& claims, const TokenStanding& standing) const = 0;

  RevocationFeed feed_;

 private:
  Outcome<Principal> judged(jwt::Claims&& claims, const TokenStanding& standing) const;

  bool fail_open_;
};

}  // namespace revbench::strategies

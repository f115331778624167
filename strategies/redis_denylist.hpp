#pragma once
// redis-denylist: a revoked token's jti is denied in Redis for exactly the
// token's remaining lifetime (`SET deny:<jti> 1 EX <exp - now>`, never a fixed
// TTL). Logout-all, password change and ban write one per-user not-before key
// (`nbf:<user>` = the revocation time in µs, kept for one access TTL) instead of
// a user->jti index: one write however many devices the user has, and the hot
// path reads both keys with a single MGET. The cost: the caller's own session
// ends too on a password change.
//
// When Redis is unreachable the strategy fails closed (503, reason
// store_unavailable) unless --fail-open, which accepts the token and counts it.
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_redis_denylist(const StrategyOptions& options);
}

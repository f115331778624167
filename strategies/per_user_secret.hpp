#pragma once
// per-user-secret: every user's tokens are signed with their own key,
// HMAC-SHA256(global secret, the user's secret). The user's secret lives in
// Redis (hash `usecret`, one field per user) and in each instance's cache, so
// the hot path costs nothing once the user is cached and one HGET when not.
// Revoking rotates the user's secret: every token of that user dies (one
// device's logout logs out all of them), nobody else's.
//
// Other instances learn of a rotation over the same pub/sub feed as
// local-denylist (strategies/common/revocation_feed.hpp): a cached secret
// fetched before the rotation (allowing --clock-skew between the instances'
// clocks) is stale and fetched again. Fails closed when an uncached user's
// secret cannot be read.
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_per_user_secret(const StrategyOptions& options);
}

#pragma once
// local-denylist: every server instance keeps the deny-list in its own memory
// (jti -> expiry, and per-user not-before times for logout-all, password
// change and ban), so the hot path makes no store call at all. A revocation
// is recorded in Redis and published (strategies/common/revocation_feed.hpp);
// every instance follows the channel, and re-reads Redis after each
// reconnect, since pub/sub keeps nothing for an absent subscriber.
//
// Lag: none on the instance that served the revocation, one pub/sub hop on
// the others (promised within a second). While an instance's subscription is
// down it keeps serving from memory and misses what others revoke until it
// reconnects and catches up; revoking needs Redis (503 without it).
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_local_denylist(const StrategyOptions& options);
}

#pragma once
// allowlist: a token passes only while its session is listed in Redis (the
// jwt-redis model). Sessions live in one hash per user, `sess:<user>`, field
// sid -> expiry, so the hot path is one HEXISTS, a logout one HDEL and a
// logout-all or ban one DEL of the whole hash; a password change keeps the
// caller's session (HKEYS, then HDEL of the others). The hash expires with
// the user's newest token. A login costs two writes (HSET, EXPIRE).
//
// Fails closed: with Redis unreachable no token can be shown to be listed,
// so every request is refused (503, store_unavailable) and logins too.
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_allowlist(const StrategyOptions& options);
}

#pragma once
// secret-rotation: the only lever is the signing key. Every revocation
// (logout, logout-all, password change, ban, /admin/rotate-secret) makes a new
// key current and retires the old one after an optional overlap (default 0):
// every token under the old kid fails with unknown_kid and everyone logs in
// again. The hot path costs a signature check and a kid lookup, nothing more.
// A rotation is shared with every instance of a fleet through Redis
// (KeyRingFeed: three Redis ops per rotation); while an instance's ring is
// not fresh (no word from Redis for a second) it cannot know it heard every
// rotation, and refuses tokens (503) unless --fail-open.
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_secret_rotation(const StrategyOptions& options);
}

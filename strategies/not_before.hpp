#pragma once
// not-before: one time per user, "tokens issued at or before T are invalid",
// held in every instance's memory and fed like local-denylist's
// (strategies/common/revocation_feed.hpp), so the hot path makes no store
// call. Any revocation of a user ends all of that user's sessions: one
// device's logout logs out every device.
//
// Same-second issue: tokens carry their issue time in microseconds
// (`iat_us`), so a token minted in the same second as the revocation, but
// before it, dies. Clock skew between instances: the revoking instance sets
// T = its clock + the skew allowance (--clock-skew, default 250 ms), so a
// token minted on an instance whose clock runs up to that much ahead still
// dies; and an instance that knows T never stamps a token at or before it
// (the stamp, in `ver`, is lifted past T; `iat` stays the clock's), so a login
// right after the revocation is not killed by a T that lies in the future.
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_not_before(const StrategyOptions& options);
}

#pragma once
// What the strategies that keep revocations or keys in each process promise a
// fleet: the feed delivers in milliseconds, and once the subscriber has heard
// nothing for its silence bound no copy is trusted, so a revocation cannot go
// unheard for longer (a loaded machine's room, not a lost message's).
#include <chrono>

#include "harness/store/redis_subscriber.hpp"

namespace revbench::strategies {

inline constexpr std::chrono::milliseconds propagation_bound = store::SubscriberLiveness{}.stale_after;

}  // namespace revbench::strategies

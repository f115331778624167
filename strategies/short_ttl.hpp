#pragma once
// short-ttl: no server state at all. A token lives until it expires; logout
// only drops it client side. The revocation lag is the remaining TTL.
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_short_ttl(const StrategyOptions& options);
}

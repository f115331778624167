#pragma once
// pg-token-version: every token carries the user's `ver`; the hot path reads
// the user row with one prepared SELECT and refuses a token whose version is
// behind. Any revocation bumps the version, so a single-device logout logs out
// every device of the user (the collateral this strategy cannot avoid).
//
// The query reads the whole user row, so an app that loads the user anyway
// (`revbench serve --load-user-row`) pays nothing extra for the check.
#include <memory>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_pg_token_version(const StrategyOptions& options);
}

#pragma once
// hybrid-freshness: trust a token's signature while it is younger than N
// seconds; once older, check the authority (Redis: is the session denied, or
// did the user's sessions end after the token was issued? one MGET) and, if it
// passes, hand back a fresh token (response header Revbench-Renewed-Token),
// so an active client pays one store call per N seconds, not per request.
//
// Revocations deny the session (`fresh:deny:<sid>`), not the jti: a renewed
// token carries a new jti, and a thief's older copy of the same session must
// die with it. Lag: at most N (a revoked token is refused once its age
// reaches N). With Redis down, tokens younger than N keep working and older
// ones are refused (503): the store's outage only shows after N seconds.
//
// N is --freshness S (default 1); `hybrid-freshness-<N>s` names the strategy
// with that N, so a comparison can put several side by side and the report
// can draw store ops per request against the promised lag.
#include <memory>
#include <optional>
#include <string_view>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_hybrid_freshness(const StrategyOptions& options);
// "hybrid-freshness-<N>s" -> N; nullopt for any other name.
std::optional<std::chrono::seconds> hybrid_freshness_bound(std::string_view name);
// The strategy with N taken from such a name.
std::unique_ptr<Strategy> make_hybrid_freshness_named(std::string_view name, StrategyOptions options);
}  // namespace revbench::strategies

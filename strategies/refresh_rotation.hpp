#pragma once
// refresh-rotation: short access tokens (default 5 min, checked by signature
// only) and opaque refresh tokens kept as families in PostgreSQL, one family
// per login. A refresh rotates in one statement (the presented token stops
// being current and its child is inserted, or nothing happens), so concurrent
// refreshes of one token yield exactly one child. Presenting a superseded token
// is reuse: the whole family is revoked and the answer is reuse_detected
// (RFC 9700 §4.14.2). Logout revokes the session's family; the access token
// lives on until it expires.
//
// Refresh-race policies: what a token that was current a moment ago may still
// do (browser tabs racing to refresh present the same token; so does a thief).
// Each is its own strategy name, so compare and report put them side by side:
//   refresh-rotation         strict: any superseded token is reuse.
//   refresh-rotation-grace   within the window (--refresh-grace S, default 2),
//                            the immediate predecessor of the current token
//                            gets a fresh pair that replaces the current one
//                            (Ory Hydra, Auth0's reuse interval).
//   refresh-rotation-replay  within the window the predecessor gets the same
//                            child again, while that child is current (Supabase
//                            Auth); children are an HMAC of their parent, so no
//                            token is ever stored in the clear.
//   refresh-rotation-lazy    a refresh adds a pending child and leaves the
//                            presented token current; the child's first use
//                            commits it, supersedes its parent and kills its
//                            siblings (SuperTokens; here the first use is its
//                            refresh, since access tokens are not looked up).
// A thief gets the same window as the tabs.
#include <memory>
#include <string_view>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {
enum class RefreshPolicy { strict, grace, replay, lazy };
std::string_view to_string(RefreshPolicy policy);

std::unique_ptr<Strategy> make_refresh_rotation(const StrategyOptions& options);
std::unique_ptr<Strategy> make_refresh_rotation_grace(const StrategyOptions& options);
std::unique_ptr<Strategy> make_refresh_rotation_replay(const StrategyOptions& options);
std::unique_ptr<Strategy> make_refresh_rotation_lazy(const StrategyOptions& options);
}  // namespace revbench::strategies

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
// Grace window (--refresh-grace S, default 0 = strict): within S seconds of
// its rotation, the immediate predecessor of the current token may refresh
// once more; it gets a fresh pair that replaces the current token (the Auth0
// "reuse interval" policy) instead of revoking the family. A thief holding
// that predecessor gets the same S seconds.
#include <memory>

#include "strategies/registry.hpp"

namespace revbench::strategies {
std::unique_ptr<Strategy> make_refresh_rotation(const StrategyOptions& options);
}

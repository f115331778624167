#pragma once
// The `sub` a compact JWS claims, read before its signature is checked: for
// when the key depends on who the token says it is (per-user keys, reset
// tokens keyed by the user's password hash). Use it only to choose that key;
// the signature checked with it is what proves the claim.
//
// All its claims, unchecked likewise: only ever to refuse a token more
// precisely than otherwise (never to accept one).
#include <optional>
#include <string>
#include <string_view>

#include "harness/jwt/claims.hpp"

namespace revbench::jwt {

std::optional<std::string> unverified_subject(std::string_view token);
std::optional<Claims> unverified_claims(std::string_view token);

}  // namespace revbench::jwt

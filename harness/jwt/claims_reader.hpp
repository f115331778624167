#pragma once
// The claims of a payload in one pass over its JSON, without building a
// document: the hot path's reader. It refuses what the DOM reader refuses
// (not one JSON object, a member named twice at any depth: RFC 7515 §5.2) and
// reads the same values, so the two agree on every input (fuzzed).
#include <optional>
#include <string_view>

#include "harness/jwt/claim_values.hpp"

namespace revbench::jwt {

// nullopt when `json` is not a single JSON object with unique member names.
std::optional<ClaimValues> read_claims(std::string_view json);

}  // namespace revbench::jwt

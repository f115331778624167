#pragma once
// The claims of a payload in one pass over its JSON, without building a
// document: the hot path's reader. It refuses what the DOM reader refuses
// (not one JSON object, a member named twice at any depth: RFC 7515 §5.2) and
// reads the same values, so the two agree on every input (fuzzed). The flat
// payloads revbench signs take a faster path still (flat_claims_scanner).
#include <string_view>

#include "harness/jwt/claim_values.hpp"

namespace revbench::jwt {

// False when `json` is not a single JSON object with unique member names;
// `values` (fresh) is then unspecified. Its strings view `json`.
bool read_claims(std::string_view json, ClaimValues& values);

}  // namespace revbench::jwt

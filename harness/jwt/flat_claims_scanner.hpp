#pragma once
// The payloads revbench signs have one shape: a flat JSON object whose
// values are printable-ASCII strings without escapes, integers and literals.
// This reads that shape in one tight pass and declines everything else,
// which the full reader then parses. It accepts only JSON whose meaning is
// plain (no escapes, no fractions, nothing the full parser could read
// differently), so the two can never disagree (fuzzed against the DOM).
#include <string_view>

#include "harness/jwt/claim_values.hpp"

namespace revbench::jwt {

// True when `json` had the flat shape and `values` holds its claims (their
// strings view `json`); false
// (declined: `values` is then unspecified) for anything else, a member named
// twice included.
bool scan_flat_claims(std::string_view json, ClaimValues& values);

}  // namespace revbench::jwt

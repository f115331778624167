#pragma once
// JOSE headers and JWT claims with a member named twice are refused: which of
// the two values counts differs between parsers, and that difference is an
// attack (RFC 7515 §5.2 allows rejecting them; RFC 8725 §3.11 warns about it).
// Boost.JSON silently keeps the last one, so the check is a separate pass.
#include <string_view>

namespace revbench::jwt {

// True when some object, at any depth, names a member twice. Malformed JSON
// is not this function's concern: it answers false and the real parse fails.
bool has_duplicate_members(std::string_view json);

}  // namespace revbench::jwt

#pragma once
// Secret randomness from OpenSSL's CSPRNG, in one place: key material, token
// ids, refresh tokens, salts. A generator that fails is a broken machine, not
// an expected outcome: it throws.
#include <cstddef>
#include <string>

namespace revbench::jwt {

std::string random_bytes(std::size_t count);
// `count` random bytes, base64url-encoded (for tokens and ids that travel as text).
std::string random_text(std::size_t count);

}  // namespace revbench::jwt

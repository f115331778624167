#pragma once
// The protected header revbench writes for a key: {"alg","typ","kid"},
// base64url-encoded. Signing uses it, and a key ring keeps each key's
// encoding so that a verifier meeting those exact bytes can skip decoding
// and parsing a header it already knows.
#include <string>
#include <string_view>

#include "harness/jwt/key.hpp"

namespace revbench::jwt {

std::string encoded_header(const Key& key, std::string_view typ);

}  // namespace revbench::jwt

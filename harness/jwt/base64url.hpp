#pragma once
// Base64url without padding (RFC 7515 §2), strict on input: a token that
// decodes in more than one way is a token an attacker can vary.
#include <optional>
#include <string>
#include <string_view>

namespace revbench::jwt {

std::string base64url_encode(std::string_view bytes);

// Rejects padding, characters outside the alphabet, impossible lengths and
// non-zero trailing bits, so that every byte string has exactly one encoding.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace revbench::jwt

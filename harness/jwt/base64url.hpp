#pragma once
// Base64url without padding (RFC 7515 §2), strict on input: a token that
// decodes in more than one way is a token an attacker can vary.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace revbench::jwt {

std::string base64url_encode(std::string_view bytes);

// Rejects padding, characters outside the alphabet, impossible lengths and
// non-zero trailing bits, so that every byte string has exactly one encoding.
std::optional<std::string> base64url_decode(std::string_view text);

// The same into `out`, which holds at least base64url_decoded_capacity(text.size())
// bytes: the number written, or nullopt. For callers that decode into the stack.
constexpr std::size_t base64url_decoded_capacity(std::size_t text_size) { return text_size / 4 * 3 + 2; }
std::optional<std::size_t> base64url_decode_into(std::string_view text, char* out);

}  // namespace revbench::jwt

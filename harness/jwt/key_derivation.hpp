#pragma once
// Secrets derived from one shared seed (HMAC-SHA256(seed, label)): how the
// instances of a fleet agree on signing and reset keys without passing keys
// around.
#include <string>
#include <string_view>

namespace revbench::jwt {

// 32 raw bytes; distinct labels give independent secrets.
std::string derive_secret(std::string_view seed, std::string_view label);

}  // namespace revbench::jwt

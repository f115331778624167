#pragma once
#include <optional>
#include <string_view>

namespace revbench::jwt {

// The JWS algorithms revbench signs and verifies (RFC 7518 §3.1, RFC 8037).
enum class Algorithm { HS256, RS256, ES256, EdDSA };

std::string_view to_string(Algorithm alg);
// "none" and every unknown name map to nullopt: they are never accepted.
std::optional<Algorithm> parse_algorithm(std::string_view name);

}  // namespace revbench::jwt

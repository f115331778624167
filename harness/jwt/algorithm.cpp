#include "harness/jwt/algorithm.hpp"

namespace revbench::jwt {

std::string_view to_string(Algorithm alg) {
  switch (alg) {
    case Algorithm::HS256: return "HS256";
    case Algorithm::RS256: return "RS256";
    case Algorithm::ES256: return "ES256";
    case Algorithm::EdDSA: return "EdDSA";
  }
  return "unknown";
}

std::optional<Algorithm> parse_algorithm(std::string_view name) {
  for (auto alg : {Algorithm::HS256, Algorithm::RS256, Algorithm::ES256, Algorithm::EdDSA})
    if (name == to_string(alg)) return alg;
  return std::nullopt;
}

}  // namespace revbench::jwt

#pragma once
// A signing or verification key bound to exactly one algorithm and one kid.
// Binding the algorithm to the key (not to the token header) is what defeats
// algorithm confusion (RFC 8725 §3.1). Key material is never printable.
#include <boost/json/fwd.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "harness/jwt/algorithm.hpp"

namespace revbench::jwt {

class Key {
 public:
  // An HMAC key; the secret should be at least 32 random bytes.
  static Key hmac(std::string kid, std::string secret);
  // A fresh random key: 32 bytes for HS256, RSA-2048, P-256 or Ed25519.
  static Key generate(Algorithm alg, std::string kid);
  // A PEM private key (can sign and verify) or public key (verify only).
  static Key from_pem(Algorithm alg, std::string kid, std::string_view pem);

  const std::string& kid() const;
  Algorithm algorithm() const;
  bool can_sign() const;

  // The JWS signature over `signing_input` (raw bytes, not base64url).
  // Throws std::logic_error for a verify-only key.
  std::string sign(std::string_view signing_input) const;
  // Constant-time for HMAC.
  bool verify(std::string_view signing_input, std::string_view signature) const;

  // The public half as PEM (empty for HMAC keys).
  std::string public_pem() const;

  struct Material;  // OpenSSL objects or HMAC bytes; defined in key.cpp
  Key(std::string kid, Algorithm alg, std::shared_ptr<const Material> material);

  // Reads the public half of the key material, and nothing else does.
  friend boost::json::object public_jwk(const Key& key);

 private:
  std::string kid_;
  Algorithm alg_;
  std::shared_ptr<const Material> material_;
};

}  // namespace revbench::jwt

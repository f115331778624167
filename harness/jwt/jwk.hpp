#pragma once
// Keys from JSON Web Keys (RFC 7517): oct, RSA, EC P-256 and OKP Ed25519.
#include <boost/json/object.hpp>

#include "harness/jwt/key.hpp"

namespace revbench::jwt {

// The algorithm comes from the JWK's "alg" when present, else from its key
// type; the kid from "kid", else `default_kid`. Throws std::invalid_argument
// naming the member that is missing or wrong.
Key key_from_jwk(const boost::json::object& jwk, std::string default_kid = "default");

// The public half of an asymmetric key as a JWK (kty, kid, alg, use "sig"
// and n/e, crv/x/y or crv/x), as a JWKS endpoint publishes it. Throws
// std::invalid_argument for an HMAC key: a shared secret is never published.
boost::json::object public_jwk(const Key& key);

}  // namespace revbench::jwt

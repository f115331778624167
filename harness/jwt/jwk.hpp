#pragma once
// Keys from JSON Web Keys (RFC 7517): oct, RSA, EC P-256 and OKP Ed25519.
#include <boost/json/object.hpp>

#include "harness/jwt/key.hpp"

namespace revbench::jwt {

// The algorithm comes from the JWK's "alg" when present, else from its key
// type; the kid from "kid", else `default_kid`. Throws std::invalid_argument
// naming the member that is missing or wrong.
Key key_from_jwk(const boost::json::object& jwk, std::string default_kid = "default");

}  // namespace revbench::jwt

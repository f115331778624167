#include "harness/jwt/claims.hpp"


#include <array>
#include <stdexcept>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/claim_values.hpp"
#include "harness/jwt/random_bytes.hpp"

namespace revbench::jwt {

boost::json::object Claims::to_payload() const {
  boost::json::object payload;
  payload["sub"] = sub;
  payload["jti"] = jti;
  payload["sid"] = sid;
  payload["iat"] = iat;
  payload["exp"] = exp;
  if (iat_us != 0) payload["iat_us"] = iat_us;
  if (ver) payload["ver"] = *ver;
  payload["use"] = use;
  return payload;
}

Verified<Claims> Claims::from_payload(const boost::json::object& payload) {
  return ClaimValues::from_object(payload).claims();
}

std::string random_id() {
  return random_text(16);
}

}  // namespace revbench::jwt

#pragma once
// The claims every revbench token carries, and their checked conversion to
// and from a JWT payload.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "harness/jwt/rejection.hpp"

namespace revbench::jwt {

struct Claims {
  std::string sub;                   // user name
  std::string jti;                   // 128 random bits, base64url
  std::string sid;                   // session (one per login on one device)
  std::int64_t iat = 0;              // seconds since the epoch
  std::int64_t exp = 0;
  std::int64_t iat_us = 0;           // issue time in microseconds: "issued before T" must hold within a second
  std::optional<std::int64_t> ver;   // token version, for strategies that keep one
  std::string use = "access";        // "access" or "refresh"

  boost::json::object to_payload() const;
  // Malformed when a required claim is missing or has the wrong type.
  static Verified<Claims> from_payload(const boost::json::object& payload);
};

// 128 bits from OpenSSL's CSPRNG, base64url: unguessable, so a thief cannot forge a jti.
std::string random_id();

}  // namespace revbench::jwt

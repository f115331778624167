#include "harness/jwt/claims.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

#include "harness/jwt/base64url.hpp"

namespace revbench::jwt {
namespace {

Verified<std::string> string_claim(const boost::json::object& payload, std::string_view name) {
  const auto* value = payload.if_contains(name);
  if (value == nullptr || !value->is_string() || value->as_string().empty())
    return Rejection{Reason::malformed, "claim '" + std::string(name) + "' missing or not a string"};
  return std::string(value->as_string());
}

Verified<std::int64_t> integer_claim(const boost::json::object& payload, std::string_view name) {
  const auto* value = payload.if_contains(name);
  if (value != nullptr && value->is_int64()) return value->as_int64();
  if (value != nullptr && value->is_uint64() && value->as_uint64() <= INT64_MAX)
    return static_cast<std::int64_t>(value->as_uint64());
  return Rejection{Reason::malformed, "claim '" + std::string(name) + "' missing or not an integer"};
}

}  // namespace

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
  Claims claims;
  auto sub = string_claim(payload, "sub");
  if (!sub) return sub.error();
  auto jti = string_claim(payload, "jti");
  if (!jti) return jti.error();
  auto sid = string_claim(payload, "sid");
  if (!sid) return sid.error();
  auto iat = integer_claim(payload, "iat");
  if (!iat) return iat.error();
  auto exp = integer_claim(payload, "exp");
  if (!exp) return exp.error();
  auto use = string_claim(payload, "use");
  if (!use) return use.error();
  if (*use != "access" && *use != "refresh") return Rejection{Reason::malformed, "claim 'use' is not access or refresh"};
  if (payload.contains("iat_us")) {
    auto iat_us = integer_claim(payload, "iat_us");
    if (!iat_us) return iat_us.error();
    claims.iat_us = *iat_us;
  }
  if (payload.contains("ver")) {
    auto ver = integer_claim(payload, "ver");
    if (!ver) return ver.error();
    claims.ver = *ver;
  }
  claims.sub = std::move(*sub);
  claims.jti = std::move(*jti);
  claims.sid = std::move(*sid);
  claims.iat = *iat;
  claims.exp = *exp;
  claims.use = std::move(*use);
  return claims;
}

std::string random_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), bytes.size()) != 1) throw std::runtime_error("RAND_bytes failed");
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace revbench::jwt

#include "strategies/common/access_tokens.hpp"

#include <cmath>

namespace revbench::strategies {

jwt::Claims AccessTokens::claims_for(const std::string& user, const std::string& sid, double now,
                                     std::optional<std::int64_t> ver) const {
  jwt::Claims claims;
  claims.sub = user;
  claims.jti = jwt::random_id();
  claims.sid = sid;
  claims.iat = static_cast<std::int64_t>(std::floor(now));
  claims.iat_us = static_cast<std::int64_t>(now * 1e6);
  claims.exp = claims.iat + ttl_.count();
  claims.ver = ver;
  claims.use = "access";
  return claims;
}

std::string AccessTokens::mint(const std::string& user, const std::string& sid, double now,
                               std::optional<std::int64_t> ver, jwt::Claims* out) const {
  jwt::Claims claims = claims_for(user, sid, now, ver);
  std::string token = jwt::sign(keys_.current(), claims.to_payload());
  if (out != nullptr) *out = std::move(claims);
  return token;
}

std::string AccessTokens::mint_with(const jwt::Key& key, const std::string& user, const std::string& sid,
                                    double now) const {
  return jwt::sign(key, claims_for(user, sid, now, std::nullopt).to_payload());
}

Outcome<jwt::Claims> AccessTokens::check_with(const jwt::KeyRing& ring, std::string_view token, double now) const {
  return claims_of(jwt::verify_claims(token, ring, {}, now), now);
}

Outcome<jwt::Claims> AccessTokens::check(std::string_view token, double now) const {
  return claims_of(keys_.verify(token, {}, now), now);
}

namespace {

// Cold and out of line, as jwt::reject: refusals stay off the accepting path.
[[gnu::cold, gnu::noinline]] Outcome<jwt::Claims> unauthorized(std::string_view reason, std::string_view detail) {
  return Outcome<jwt::Claims>::refused({Refusal::Kind::unauthorized, std::string(reason), std::string(detail)});
}

}  // namespace

Outcome<jwt::Claims> AccessTokens::claims_of(jwt::Verified<jwt::VerifiedClaims> verified, double now) const {
  if (!verified) return unauthorized(jwt::to_string(verified.error().reason), verified.error().detail);
  auto& claims = verified->claims;
  if (claims.use != "access") return unauthorized("malformed", "not an access token");
  // This server never issues a longer lifetime: a token claiming one was not
  // minted here, whatever its signature says (a leaked key, a forged clock).
  if (static_cast<double>(claims.exp) > now + static_cast<double>(ttl_.count()) + 1)
    return unauthorized("malformed", "'exp' is beyond the longest lifetime this server issues");
  return Outcome<jwt::Claims>::ok(std::move(claims));
}

Principal principal_of(const jwt::Claims& claims) { return Principal{claims.sub, claims.sid, claims.jti, claims.exp}; }
Principal principal_of(jwt::Claims&& claims) {
  return Principal{std::move(claims.sub), std::move(claims.sid), std::move(claims.jti), claims.exp};
}

Refusal revoked(std::string detail) { return Refusal{Refusal::Kind::unauthorized, "revoked", std::move(detail)}; }

Refusal store_unavailable(std::string detail) {
  return Refusal{Refusal::Kind::unavailable, "store_unavailable", std::move(detail)};
}

}  // namespace revbench::strategies

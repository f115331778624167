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

namespace {

// Cold and out of line, as jwt::reject: refusals stay off the accepting path.
[[gnu::cold, gnu::noinline]] Refusal unauthorized(contract::Reason reason, std::string_view detail) {
  return Refusal{Refusal::Kind::unauthorized, reason, std::string(detail)};
}

[[gnu::cold, gnu::noinline]] Refusal rejected(const jwt::Rejection& rejection) {
  return unauthorized(rejection.reason, rejection.detail);
}

}  // namespace

std::optional<Refusal> AccessTokens::refusal_of(const jwt::Claims& claims, double now) const {
  if (claims.use != "access") return unauthorized(contract::Reason::malformed, "not an access token");
  // This server never issues a longer lifetime: a token claiming one was not
  // minted here, whatever its signature says (a leaked key, a forged clock).
  if (static_cast<double>(claims.exp) > now + static_cast<double>(ttl_.count()) + 1)
    return unauthorized(contract::Reason::malformed, "'exp' is beyond the longest lifetime this server issues");
  return std::nullopt;
}

Outcome<jwt::Claims> AccessTokens::check_with(const jwt::KeyRing& ring, std::string_view token, double now) const {
  jwt::Claims claims;
  if (const auto key = jwt::verify_claims(token, ring, checks_, now, claims); !key)
    return Outcome<jwt::Claims>::refused(rejected(key.error()));
  if (auto refusal = refusal_of(claims, now)) return Outcome<jwt::Claims>::refused(std::move(*refusal));
  return Outcome<jwt::Claims>::ok(std::move(claims));
}

Outcome<jwt::Claims> AccessTokens::check(std::string_view token, double now) const {
  jwt::Claims claims;
  if (const auto verified = keys_.verify(token, checks_, now, claims); !verified)
    return Outcome<jwt::Claims>::refused(rejected(verified.error()));
  if (auto refusal = refusal_of(claims, now)) return Outcome<jwt::Claims>::refused(std::move(*refusal));
  return Outcome<jwt::Claims>::ok(std::move(claims));
}

// The claims go straight into the principal, without an Outcome<Claims> in
// between: this is every request's path for the strategies with no store.
Outcome<Principal> AccessTokens::principal(std::string_view token, double now) const {
  jwt::Claims claims;
  if (const auto verified = keys_.verify(token, checks_, now, claims); !verified)
    return Outcome<Principal>::refused(rejected(verified.error()));
  if (auto refusal = refusal_of(claims, now)) return Outcome<Principal>::refused(std::move(*refusal));
  return Outcome<Principal>::ok(principal_of(std::move(claims)));
}

Principal principal_of(jwt::Claims&& claims) {
  return Principal{std::move(claims.sub), std::move(claims.sid), std::move(claims.jti), claims.exp, claims.iat_us};
}

Refusal revoked(std::string detail) { return Refusal{Refusal::Kind::unauthorized, contract::Reason::revoked, std::move(detail)}; }

Refusal store_unavailable(std::string detail) {
  return Refusal{Refusal::Kind::unavailable, contract::Reason::store_unavailable, std::move(detail)};
}

}  // namespace revbench::strategies

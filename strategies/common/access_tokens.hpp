#pragma once
// Minting and checking access tokens, the part every strategy shares: the
// strategies differ in what they look up after the signature holds.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "harness/jwt/claims.hpp"
#include "strategies/common/signing_keys.hpp"
#include "strategies/strategy.hpp"

namespace revbench::strategies {

class AccessTokens {
 public:
  // `clock_skew`: how far ahead another instance's clock may be when it mints a token this one checks.
  AccessTokens(SigningKeys& keys, std::chrono::seconds ttl, std::chrono::milliseconds clock_skew)
      : keys_(keys), ttl_(ttl), checks_{.clock_skew = clock_skew} {}

  // Returns the token and fills `claims` with what it carries.
  std::string mint(const std::string& user, const std::string& sid, double now, std::optional<std::int64_t> ver,
                   jwt::Claims* claims = nullptr) const;
  // Signature, times, claims and use == "access"; the refusal reason is the codec's.
  Outcome<jwt::Claims> check(std::string_view token, double now) const;
  // The same check, answering who the token names.
  Outcome<Principal> principal(std::string_view token, double now) const;
  // The same with keys of the caller's own (per-user keys).
  std::string mint_with(const jwt::Key& key, const std::string& user, const std::string& sid, double now) const;
  Outcome<jwt::Claims> check_with(const jwt::KeyRing& ring, std::string_view token, double now) const;

  std::chrono::seconds ttl() const { return ttl_; }
  SigningKeys& keys() const { return keys_; }

 private:
  jwt::Claims claims_for(const std::string& user, const std::string& sid, double now, std::optional<std::int64_t> ver) const;
  // Why a verified token is still refused here (not an access token, too long a life), if it is.
  std::optional<Refusal> refusal_of(const jwt::Claims& claims, double now) const;

  SigningKeys& keys_;
  std::chrono::seconds ttl_;
  jwt::VerifyOptions checks_;
};

// Moves the claims' strings: the claims are done with once a principal is made.
Principal principal_of(jwt::Claims&& claims);
Refusal revoked(std::string detail);
Refusal store_unavailable(std::string detail);

}  // namespace revbench::strategies

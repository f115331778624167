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
  AccessTokens(SigningKeys& keys, std::chrono::seconds ttl) : keys_(keys), ttl_(ttl) {}

  // Returns the token and fills `claims` with what it carries.
  std::string mint(const std::string& user, const std::string& sid, double now, std::optional<std::int64_t> ver,
                   jwt::Claims* claims = nullptr) const;
  // Signature, times, claims and use == "access"; the refusal reason is the codec's.
  Outcome<jwt::Claims> check(std::string_view token, double now) const;
  // The same with keys of the caller's own (per-user keys).
  std::string mint_with(const jwt::Key& key, const std::string& user, const std::string& sid, double now) const;
  Outcome<jwt::Claims> check_with(const jwt::KeyRing& ring, std::string_view token, double now) const;

  std::chrono::seconds ttl() const { return ttl_; }
  SigningKeys& keys() const { return keys_; }

 private:
  jwt::Claims claims_for(const std::string& user, const std::string& sid, double now, std::optional<std::int64_t> ver) const;
  Outcome<jwt::Claims> claims_of(jwt::Verified<jwt::VerifiedClaims> verified, double now) const;

  SigningKeys& keys_;
  std::chrono::seconds ttl_;
};

Principal principal_of(const jwt::Claims& claims);
Principal principal_of(jwt::Claims&& claims);
Refusal revoked(std::string detail);
Refusal store_unavailable(std::string detail);

}  // namespace revbench::strategies

#pragma once
// JWS compact serialization (RFC 7515 §7.1) with the checks of RFC 8725:
// the key named by kid decides the algorithm, `none` is never accepted, the
// type is explicit, times are checked with a bounded leeway.
#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "harness/jwt/algorithm.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/key_ring.hpp"
#include "harness/jwt/rejection.hpp"

namespace revbench::jwt {

struct VerifyOptions {
  std::chrono::seconds leeway{0};  // on exp, nbf and iat (RFC 7519 §4.1.4-6)
  // Required header typ (compared case-insensitively); nullopt accepts any or none.
  std::optional<std::string> typ = "JWT";
  bool require_exp = true;
  std::size_t max_token_bytes = 8192;
  // On nbf and iat only: how far ahead of this verifier the issuer's clock may
  // be (a fleet's skew), so a token minted a moment ago elsewhere is not "from
  // the future". exp gets none of it: a lifetime stays what it says.
  std::chrono::milliseconds clock_skew{0};
};

struct VerifiedToken {
  std::string kid;
  Algorithm alg;
  boost::json::object payload;
};

// Signs `payload` with `key`; the header carries alg, typ and kid.
std::string sign(const Key& key, const boost::json::object& payload, std::string_view typ = "JWT");

// `now` is seconds since the Unix epoch (NumericDate, RFC 7519 §2). The
// payload is allocated from `payload_storage`: a caller that only reads the
// claims out of it can pass a stack arena and spare the hot path the heap.
Verified<VerifiedToken> verify(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                               double now, boost::json::storage_ptr payload_storage = {});

// The hot path's verify: the same checks, then the claims revbench reads,
// taken in one pass over the payload (no document). Malformed claims are
// refused here, as Claims::from_payload would refuse them.
struct VerifiedClaims {
  std::string kid;
  Claims claims;
};
Verified<VerifiedClaims> verify_claims(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                                       double now);
// The same, writing the claims into the caller's `claims` (nothing is moved
// through results on the way) and answering the key of `keys` that verified.
Verified<const Key*> verify_claims(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                                   double now, Claims& claims);

double unix_now();

}  // namespace revbench::jwt

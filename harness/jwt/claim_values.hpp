#pragma once
// The JSON values of the registered and revbench claims, as found in a
// payload, and the rules that turn them into checked times and Claims. Both
// readers of a payload (the DOM one and the one-pass one) fill this, so the
// rules exist once.
#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/jwt/claims.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/jwt/rejection.hpp"

namespace revbench::jwt {

struct ClaimValue {
  enum class Kind { absent, string, int64, uint64, number, other };
  Kind kind = Kind::absent;
  std::string_view text;  // when a string; see ClaimValues for what it views
  std::int64_t int64 = 0;
  std::uint64_t uint64 = 0;
  double number = 0;  // when any number
};

// The strings are views, not copies: into the JSON text (or the document)
// they were read from, which must outlive the values, or into `unescaped`
// for strings the reader had to unescape. Only the claims that are kept are
// copied, once, by fill().
struct ClaimValues {
  ClaimValue sub, jti, sid, use, iat, exp, nbf, iat_us, ver;
  // Unescaped strings by the order their claims were filled (at most one each).
  std::unique_ptr<std::array<std::string, 9>> unescaped;

  // The slot a top-level member fills, or nullptr for a claim nobody reads.
  ClaimValue* slot(std::string_view name);
  static ClaimValues from_object(const boost::json::object& payload);

  // exp, nbf and iat against `now` (RFC 7519 §4.1.4-6, with the leeway).
  Verified<void> check_times(const VerifyOptions& options, double now) const;
  // Malformed when a required claim is missing or has the wrong type;
  // otherwise the claims are written into `claims`.
  Verified<void> fill(Claims& claims) const;
  Verified<Claims> claims() const;
};

}  // namespace revbench::jwt

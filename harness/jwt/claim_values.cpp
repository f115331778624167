#include "harness/jwt/claim_values.hpp"

#include <boost/json/value.hpp>

namespace revbench::jwt {
namespace {

// Cold and out of line, as reject() (rejection.hpp).
[[gnu::cold, gnu::noinline]] Rejection malformed(std::string_view name, std::string_view what) {
  return Rejection{Reason::malformed, "claim '" + std::string(name) + "' " + std::string(what)};
}

ClaimValue value_of(const boost::json::value& json) {
  ClaimValue value;
  if (json.is_string()) {
    value.kind = ClaimValue::Kind::string;
    value.text = std::string_view(json.get_string());
  } else if (json.is_int64()) {
    value.kind = ClaimValue::Kind::int64;
    value.int64 = json.get_int64();
    value.number = static_cast<double>(value.int64);
  } else if (json.is_uint64()) {
    value.kind = ClaimValue::Kind::uint64;
    value.uint64 = json.get_uint64();
    value.number = static_cast<double>(value.uint64);
  } else if (json.is_double()) {
    value.kind = ClaimValue::Kind::number;
    value.number = json.get_double();
  } else {
    value.kind = ClaimValue::Kind::other;
  }
  return value;
}

bool is_number(const ClaimValue& value) {
  return value.kind == ClaimValue::Kind::int64 || value.kind == ClaimValue::Kind::uint64 ||
         value.kind == ClaimValue::Kind::number;
}

// A NumericDate member: absent is fine, anything but a number is malformed.
Verified<std::optional<double>> numeric_date(const ClaimValue& value, std::string_view name) {
  if (value.kind == ClaimValue::Kind::absent) return std::optional<double>{};
  if (!is_number(value)) return malformed(name, "is not a number");
  return std::optional<double>{value.number};
}

bool is_text(const ClaimValue& value) { return value.kind == ClaimValue::Kind::string && !value.text.empty(); }

// The claim as an int64, or nullopt when it is not an integer that fits.
std::optional<std::int64_t> integer_of(const ClaimValue& value) {
  if (value.kind == ClaimValue::Kind::int64) return value.int64;
  if (value.kind == ClaimValue::Kind::uint64 && value.uint64 <= INT64_MAX) return static_cast<std::int64_t>(value.uint64);
  return std::nullopt;
}

}  // namespace

ClaimValue* ClaimValues::slot(std::string_view name) {
  switch (name.size()) {
    case 3:
      if (name == "sub") return &sub;
      if (name == "jti") return &jti;
      if (name == "sid") return &sid;
      if (name == "use") return &use;
      if (name == "iat") return &iat;
      if (name == "exp") return &exp;
      if (name == "nbf") return &nbf;
      if (name == "ver") return &ver;
      return nullptr;
    case 6: return name == "iat_us" ? &iat_us : nullptr;
    default: return nullptr;
  }
}

ClaimValues ClaimValues::from_object(const boost::json::object& payload) {
  ClaimValues values;
  for (const auto& member : payload)
    if (ClaimValue* slot = values.slot(member.key())) *slot = value_of(member.value());
  return values;
}

Verified<void> ClaimValues::check_times(const VerifyOptions& options, double now) const {
  const double leeway = static_cast<double>(options.leeway.count());
  const double ahead = leeway + std::chrono::duration<double>(options.clock_skew).count();
  auto expires = numeric_date(exp, "exp");
  if (!expires) return expires.error();
  if (!*expires && options.require_exp) return malformed("exp", "is missing");
  if (*expires && now >= **expires + leeway) return reject(Reason::expired, "token expired");

  auto not_before = numeric_date(nbf, "nbf");
  if (!not_before) return not_before.error();
  if (*not_before && now + ahead < **not_before)
    return reject(Reason::not_yet_valid, "token not valid before 'nbf'");

  auto issued = numeric_date(iat, "iat");
  if (!issued) return issued.error();
  if (*issued && now + ahead < **issued) return reject(Reason::not_yet_valid, "token issued in the future");
  return {};
}

// Checks first, then copies: no intermediate results, so the accepting path
// stays small (it runs on every request).
Verified<void> ClaimValues::fill(Claims& claims) const {
  constexpr std::string_view not_text = "missing or not a string";
  constexpr std::string_view not_integer = "missing or not an integer";
  if (!is_text(sub)) return malformed("sub", not_text);
  if (!is_text(jti)) return malformed("jti", not_text);
  if (!is_text(sid)) return malformed("sid", not_text);
  const auto issued = integer_of(iat);
  if (!issued) return malformed("iat", not_integer);
  const auto expires = integer_of(exp);
  if (!expires) return malformed("exp", not_integer);
  if (!is_text(use)) return malformed("use", not_text);
  if (use.text != "access" && use.text != "refresh") return malformed("use", "is not access or refresh");
  const auto micros = integer_of(iat_us);
  if (iat_us.kind != ClaimValue::Kind::absent && !micros) return malformed("iat_us", not_integer);
  const auto version = integer_of(ver);
  if (ver.kind != ClaimValue::Kind::absent && !version) return malformed("ver", not_integer);
  claims.sub = sub.text;
  claims.jti = jti.text;
  claims.sid = sid.text;
  claims.iat = *issued;
  claims.exp = *expires;
  claims.iat_us = micros.value_or(0);
  claims.ver = version;
  claims.use = use.text;
  return {};
}

Verified<Claims> ClaimValues::claims() const {
  Claims claims;
  if (auto filled = fill(claims); !filled) return filled.error();
  return claims;
}

}  // namespace revbench::jwt

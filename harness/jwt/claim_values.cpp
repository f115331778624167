#include "harness/jwt/claim_values.hpp"

#include <boost/json/value.hpp>

namespace revbench::jwt {
namespace {

Rejection malformed(std::string_view name, std::string_view what) {
  return Rejection{Reason::malformed, "claim '" + std::string(name) + "' " + std::string(what)};
}

ClaimValue value_of(const boost::json::value& json) {
  ClaimValue value;
  if (json.is_string()) {
    value.kind = ClaimValue::Kind::string;
    value.text = json.get_string();
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

Verified<std::string> string_claim(ClaimValue& value, std::string_view name) {
  if (value.kind != ClaimValue::Kind::string || value.text.empty()) return malformed(name, "missing or not a string");
  return std::move(value.text);
}

Verified<std::int64_t> integer_claim(const ClaimValue& value, std::string_view name) {
  if (value.kind == ClaimValue::Kind::int64) return value.int64;
  if (value.kind == ClaimValue::Kind::uint64 && value.uint64 <= INT64_MAX) return static_cast<std::int64_t>(value.uint64);
  return malformed(name, "missing or not an integer");
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
  auto expires = numeric_date(exp, "exp");
  if (!expires) return expires.error();
  if (!*expires && options.require_exp) return malformed("exp", "is missing");
  if (*expires && now >= **expires + leeway) return Rejection{Reason::expired, "token expired"};

  auto not_before = numeric_date(nbf, "nbf");
  if (!not_before) return not_before.error();
  if (*not_before && now + leeway < **not_before)
    return Rejection{Reason::not_yet_valid, "token not valid before 'nbf'"};

  auto issued = numeric_date(iat, "iat");
  if (!issued) return issued.error();
  if (*issued && now + leeway < **issued) return Rejection{Reason::not_yet_valid, "token issued in the future"};
  return {};
}

Verified<Claims> ClaimValues::claims() && {
  Claims claims;
  auto subject = string_claim(sub, "sub");
  if (!subject) return subject.error();
  auto id = string_claim(jti, "jti");
  if (!id) return id.error();
  auto session = string_claim(sid, "sid");
  if (!session) return session.error();
  auto issued = integer_claim(iat, "iat");
  if (!issued) return issued.error();
  auto expires = integer_claim(exp, "exp");
  if (!expires) return expires.error();
  auto purpose = string_claim(use, "use");
  if (!purpose) return purpose.error();
  if (*purpose != "access" && *purpose != "refresh") return malformed("use", "is not access or refresh");
  if (iat_us.kind != ClaimValue::Kind::absent) {
    auto micros = integer_claim(iat_us, "iat_us");
    if (!micros) return micros.error();
    claims.iat_us = *micros;
  }
  if (ver.kind != ClaimValue::Kind::absent) {
    auto version = integer_claim(ver, "ver");
    if (!version) return version.error();
    claims.ver = *version;
  }
  claims.sub = std::move(*subject);
  claims.jti = std::move(*id);
  claims.sid = std::move(*session);
  claims.iat = *issued;
  claims.exp = *expires;
  claims.use = std::move(*purpose);
  return claims;
}

}  // namespace revbench::jwt

#include "harness/jwt/codec.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/throw_exception.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/duplicate_members.hpp"
#include "harness/jwt/jws_header.hpp"

namespace revbench::jwt {
namespace {

Rejection reject(Reason reason, std::string detail) { return Rejection{reason, std::move(detail)}; }

std::optional<boost::json::object> parse_object(std::string_view json, boost::json::storage_ptr storage = {}) {
  if (has_duplicate_members(json)) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec, std::move(storage));
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// A NumericDate member: absent is fine, anything but a number is malformed.
Verified<std::optional<double>> numeric_date(const boost::json::object& payload, std::string_view name) {
  const auto* value = payload.if_contains(name);
  if (value == nullptr) return std::optional<double>{};
  if (value->is_int64()) return std::optional<double>{static_cast<double>(value->as_int64())};
  if (value->is_uint64()) return std::optional<double>{static_cast<double>(value->as_uint64())};
  if (value->is_double()) return std::optional<double>{value->as_double()};
  return reject(Reason::malformed, "claim '" + std::string(name) + "' is not a number");
}

Verified<void> check_times(const boost::json::object& payload, const VerifyOptions& options, double now) {
  const double leeway = static_cast<double>(options.leeway.count());
  auto exp = numeric_date(payload, "exp");
  if (!exp) return exp.error();
  if (!*exp && options.require_exp) return reject(Reason::malformed, "claim 'exp' is missing");
  if (*exp && now >= **exp + leeway) return reject(Reason::expired, "token expired");

  auto nbf = numeric_date(payload, "nbf");
  if (!nbf) return nbf.error();
  if (*nbf && now + leeway < **nbf) return reject(Reason::not_yet_valid, "token not valid before 'nbf'");

  auto iat = numeric_date(payload, "iat");
  if (!iat) return iat.error();
  if (*iat && now + leeway < **iat) return reject(Reason::not_yet_valid, "token issued in the future");
  return {};
}

// The key a header names, with the header's checks. A header byte-identical
// to one this ring's keys sign with is known good without decoding it.
Verified<const Key*> key_for_header(std::string_view encoded, const KeyRing& keys, const VerifyOptions& options) {
  if (!options.typ || iequals(*options.typ, "JWT"))
    if (const Key* known = keys.find_by_typed_header(encoded)) return known;

  const auto header_json = base64url_decode(encoded);
  if (!header_json) return reject(Reason::malformed, "header is not base64url");
  // The header dies with this call: parse it into the stack, not the heap.
  std::array<unsigned char, 1024> header_buffer;
  boost::json::monotonic_resource header_memory(header_buffer.data(), header_buffer.size());
  auto header = parse_object(*header_json, &header_memory);
  if (!header) return reject(Reason::malformed, "header is not a JSON object with unique members");

  const auto* alg_value = header->if_contains("alg");
  if (alg_value == nullptr || !alg_value->is_string()) return reject(Reason::malformed, "header has no 'alg'");
  const std::string_view alg_name = alg_value->as_string();
  const auto alg = parse_algorithm(alg_name);
  if (!alg) return reject(Reason::bad_signature, "alg '" + std::string(alg_name) + "' is never accepted");

  if (options.typ) {
    const auto* typ = header->if_contains("typ");
    if (typ == nullptr || !typ->is_string() || !iequals(typ->as_string(), *options.typ))
      return reject(Reason::malformed, "header 'typ' must be '" + *options.typ + "'");
  }
  if (header->contains("crit")) return reject(Reason::malformed, "no 'crit' extension is understood");

  const Key* key = nullptr;
  if (const auto* kid = header->if_contains("kid")) {
    if (!kid->is_string()) return reject(Reason::malformed, "header 'kid' is not a string");
    key = keys.find(kid->as_string());
    if (key == nullptr) return reject(Reason::unknown_kid, "no key with that kid");
  } else {
    if (keys.empty()) return reject(Reason::unknown_kid, "no key to verify with");
    key = &keys.current();
  }
  // RFC 8725 §3.1: the algorithm belongs to the key; the header only has to agree.
  if (key->algorithm() != *alg)
    return reject(Reason::bad_signature, "alg '" + std::string(alg_name) + "' does not match the key's");
  return key;
}

}  // namespace

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::malformed: return "malformed";
    case Reason::bad_signature: return "bad_signature";
    case Reason::expired: return "expired";
    case Reason::not_yet_valid: return "not_yet_valid";
    case Reason::unknown_kid: return "unknown_kid";
  }
  return "malformed";
}

void throw_exception_from_error(const Rejection& rejection, const boost::source_location& loc) {
  boost::throw_exception(
      std::runtime_error("token rejected: " + std::string(to_string(rejection.reason)) + ": " + rejection.detail),
      loc);
}

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string sign(const Key& key, const boost::json::object& payload, std::string_view typ) {
  std::string input = encoded_header(key, typ);
  input += '.';
  input += base64url_encode(boost::json::serialize(payload));
  const std::string signature = key.sign(input);
  input += '.';
  input += base64url_encode(signature);
  return input;
}

Verified<VerifiedToken> verify(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                               double now, boost::json::storage_ptr payload_storage) {
  if (token.size() > options.max_token_bytes) return reject(Reason::malformed, "token too long");
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
    return reject(Reason::malformed, "a JWS has exactly three segments");

  const auto key = key_for_header(token.substr(0, first), keys, options);
  if (!key) return key.error();

  const auto signature = base64url_decode(token.substr(second + 1));
  if (!signature) return reject(Reason::malformed, "signature is not base64url");
  if (!(*key)->verify(token.substr(0, second), *signature))
    return reject(Reason::bad_signature, "signature mismatch");

  const auto payload_json = base64url_decode(token.substr(first + 1, second - first - 1));
  if (!payload_json) return reject(Reason::malformed, "payload is not base64url");
  auto payload = parse_object(*payload_json, std::move(payload_storage));
  if (!payload) return reject(Reason::malformed, "payload is not a JSON object with unique members");
  if (auto times = check_times(*payload, options, now); !times) return times.error();

  return VerifiedToken{(*key)->kid(), (*key)->algorithm(), std::move(*payload)};
}

}  // namespace revbench::jwt

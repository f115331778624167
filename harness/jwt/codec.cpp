#include "harness/jwt/codec.hpp"

#include <boost/container/small_vector.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/throw_exception.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/claim_values.hpp"
#include "harness/jwt/claims_reader.hpp"
#include "harness/jwt/duplicate_members.hpp"
#include "harness/jwt/jws_header.hpp"

namespace revbench::jwt {
namespace {

std::optional<boost::json::object> parse_object(std::string_view json, boost::json::storage_ptr storage = {}) {
  if (has_duplicate_members(json)) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec, std::move(storage));
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

// ASCII case folding (media types are ASCII, RFC 7515 §4.1.9), whatever the locale.
bool iequals(std::string_view a, std::string_view b) {
  const auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return fold(x) == fold(y); });
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

Rejection reject(Reason reason, std::string_view detail) { return Rejection{reason, std::string(detail)}; }

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

namespace {

// Decoded segments live on the stack unless a token is unusually large.
using Decoded = boost::container::small_vector<char, 1024>;

std::optional<std::string_view> decode(std::string_view text, Decoded& into) {
  into.resize(base64url_decoded_capacity(text.size()), boost::container::default_init);
  const auto size = base64url_decode_into(text, into.data());
  if (!size) return std::nullopt;
  return std::string_view(into.data(), *size);
}

struct SignedPayload {
  const Key* key;
  std::string_view json;  // in the caller's buffer
};

// The three segments, the key, the signature: what every reader of the
// payload needs before it may read it.
Verified<SignedPayload> signed_payload(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                                       Decoded& payload_buffer) {
  if (token.size() > options.max_token_bytes) return reject(Reason::malformed, "token too long");
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
    return reject(Reason::malformed, "a JWS has exactly three segments");

  const auto key = key_for_header(token.substr(0, first), keys, options);
  if (!key) return key.error();

  Decoded signature_buffer;
  const auto signature = decode(token.substr(second + 1), signature_buffer);
  if (!signature) return reject(Reason::malformed, "signature is not base64url");
  if (!(*key)->verify(token.substr(0, second), *signature))
    return reject(Reason::bad_signature, "signature mismatch");

  const auto payload_json = decode(token.substr(first + 1, second - first - 1), payload_buffer);
  if (!payload_json) return reject(Reason::malformed, "payload is not base64url");
  return SignedPayload{*key, *payload_json};
}

constexpr std::string_view not_an_object = "payload is not a JSON object with unique members";

}  // namespace

Verified<VerifiedToken> verify(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                               double now, boost::json::storage_ptr payload_storage) {
  Decoded buffer;
  auto signed_token = signed_payload(token, keys, options, buffer);
  if (!signed_token) return signed_token.error();
  auto payload = parse_object(signed_token->json, std::move(payload_storage));
  if (!payload) return reject(Reason::malformed, not_an_object);
  if (auto times = ClaimValues::from_object(*payload).check_times(options, now); !times) return times.error();
  return VerifiedToken{signed_token->key->kid(), signed_token->key->algorithm(), std::move(*payload)};
}

Verified<const Key*> verify_claims(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                                   double now, Claims& claims) {
  Decoded buffer;
  auto signed_token = signed_payload(token, keys, options, buffer);
  if (!signed_token) return signed_token.error();
  ClaimValues values;  // views `buffer`
  if (!read_claims(signed_token->json, values)) return reject(Reason::malformed, not_an_object);
  if (auto times = values.check_times(options, now); !times) return times.error();
  if (auto filled = values.fill(claims); !filled) return filled.error();
  return signed_token->key;
}

Verified<VerifiedClaims> verify_claims(std::string_view token, const KeyRing& keys, const VerifyOptions& options,
                                       double now) {
  VerifiedClaims verified;
  const auto key = verify_claims(token, keys, options, now, verified.claims);
  if (!key) return key.error();
  verified.kid = (*key)->kid();
  return verified;
}

}  // namespace revbench::jwt

// libFuzzer: the JWS decoder on arbitrary bytes. Whatever the input, verify()
// answers (a token or a reason) without crashing, base64url decoding is
// canonical (what decodes re-encodes to the same text), and the hot path's
// one-pass claims reader agrees with the DOM reader on the bytes as a payload:
// both refuse, or both read the same claims to the same verdict.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/claims_reader.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/jwt/duplicate_members.hpp"
#include "harness/jwt/key_ring.hpp"

namespace {

const revbench::jwt::KeyRing& ring() {
  static const revbench::jwt::KeyRing keys = [] {
    revbench::jwt::KeyRing r;
    r.add(revbench::jwt::Key::hmac("k1", std::string(32, 'k')));
    r.add(revbench::jwt::Key::hmac("k2", std::string(32, 'K')), true);
    return r;
  }();
  return keys;
}

// read_claims as an optional, to compare with the DOM reader's.
std::optional<revbench::jwt::ClaimValues> read_claims_optional(std::string_view json) {
  revbench::jwt::ClaimValues values;
  if (!revbench::jwt::read_claims(json, values)) return std::nullopt;
  return values;
}

// The document and the values that view its strings, kept together.
struct DomClaims {
  boost::json::value document;
  revbench::jwt::ClaimValues values;
};

std::optional<DomClaims> dom_claims(std::string_view json) {
  if (revbench::jwt::has_duplicate_members(json)) return std::nullopt;
  boost::system::error_code ec;
  DomClaims read{boost::json::parse(json, ec), {}};
  if (ec || !read.document.is_object()) return std::nullopt;
  // Moving the document later moves its handle, not the strings it owns.
  read.values = revbench::jwt::ClaimValues::from_object(read.document.as_object());
  return read;
}

bool same(const revbench::jwt::Verified<void>& a, const revbench::jwt::Verified<void>& b) {
  if (a.has_value() || b.has_value()) return a.has_value() == b.has_value();
  return a.error().reason == b.error().reason && a.error().detail == b.error().detail;
}

bool same(const revbench::jwt::Verified<revbench::jwt::Claims>& a, const revbench::jwt::Verified<revbench::jwt::Claims>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return a.error().reason == b.error().reason && a.error().detail == b.error().detail;
  return a->sub == b->sub && a->jti == b->jti && a->sid == b->sid && a->iat == b->iat && a->exp == b->exp &&
         a->iat_us == b->iat_us && a->ver == b->ver && a->use == b->use;
}

void check_readers_agree(std::string_view json) {
  using namespace revbench::jwt;
  auto fast = read_claims_optional(json);
  auto dom = dom_claims(json);
  if (fast.has_value() != dom.has_value()) std::abort();
  if (!fast) return;
  for (const auto& options : {VerifyOptions{}, VerifyOptions{std::chrono::seconds(60), std::nullopt, false, 8192, std::chrono::milliseconds(250)}})
    if (!same(fast->check_times(options, 1.7e9), dom->values.check_times(options, 1.7e9))) std::abort();
  if (!same(fast->claims(), dom->values.claims())) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace revbench::jwt;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (const auto decoded = base64url_decode(input); decoded && base64url_encode(*decoded) != input) std::abort();
  check_readers_agree(input);

  for (const auto& options : {VerifyOptions{}, VerifyOptions{std::chrono::seconds(60), std::nullopt, false, 8192, std::chrono::milliseconds(250)}}) {
    const auto verified = verify(input, ring(), options, 1.7e9);
    if (verified) {
      const auto claims = Claims::from_payload(verified->payload);
      if (claims && claims->sub.empty()) std::abort();  // an accepted subject is never empty
    } else if (to_string(verified.error().reason).empty()) {
      std::abort();
    }
  }
  return 0;
}

// libFuzzer: the JWS decoder on arbitrary bytes. Whatever the input, verify()
// answers (a token or a reason) without crashing, and base64url decoding is
// canonical: what decodes re-encodes to the same text.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/codec.hpp"
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace revbench::jwt;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (const auto decoded = base64url_decode(input); decoded && base64url_encode(*decoded) != input) std::abort();

  for (const auto& options : {VerifyOptions{}, VerifyOptions{std::chrono::seconds(60), std::nullopt, false, 8192}}) {
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

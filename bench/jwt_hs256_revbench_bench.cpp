// HS256 sign and verify on the same claims and key in revbench's codec and
// in the two JWT libraries Debian packages (libjwt 1.10, cpp-jwt 1.4); each
// verification also checks exp, as revbench's does. One file per library:
// libjwt's `struct jwt` and cpp-jwt's `namespace jwt` cannot share one.
#include <benchmark/benchmark.h>

#include <ctime>

#include "harness/jwt/codec.hpp"

namespace {

const std::string hmac_key(32, 's');
const long expires = std::time(nullptr) + 3600;

void BM_Hs256Sign_Revbench(benchmark::State& state) {
  const auto key = revbench::jwt::Key::hmac("k1", hmac_key);
  for (auto _ : state) {
    const boost::json::object payload{{"sub", "user-000042"}, {"exp", expires}};
    benchmark::DoNotOptimize(revbench::jwt::sign(key, payload));
  }
}

void BM_Hs256Verify_Revbench(benchmark::State& state) {
  revbench::jwt::KeyRing ring;
  ring.add(revbench::jwt::Key::hmac("k1", hmac_key));
  const std::string token = revbench::jwt::sign(ring.current(), {{"sub", "user-000042"}, {"exp", expires}});
  for (auto _ : state) {
    auto verified = revbench::jwt::verify(token, ring, {}, static_cast<double>(std::time(nullptr)));
    if (!verified) state.SkipWithError("revbench rejected its own token");
    benchmark::DoNotOptimize(verified);
  }
}

BENCHMARK(BM_Hs256Sign_Revbench);
BENCHMARK(BM_Hs256Verify_Revbench);

}  // namespace

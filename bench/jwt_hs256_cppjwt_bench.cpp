// HS256 sign and verify on the same claims and key in revbench's codec and
// in the two JWT libraries Debian packages (libjwt 1.10, cpp-jwt 1.4); each
// verification also checks exp, as revbench's does. One file per library:
// libjwt's `struct jwt` and cpp-jwt's `namespace jwt` cannot share one.
#include <benchmark/benchmark.h>

#include <jwt/jwt.hpp>

#include <ctime>
#include <string>

namespace {

const std::string hmac_key(32, 's');
const long expires = std::time(nullptr) + 3600;

void BM_Hs256Sign_CppJwt(benchmark::State& state) {
  using namespace jwt::params;
  for (auto _ : state) {
    jwt::jwt_object token{algorithm("HS256"), secret(hmac_key), payload({{"sub", "user-000042"}})};
    token.header().add_header("kid", "k1");
    token.add_claim("exp", expires);
    benchmark::DoNotOptimize(token.signature());
  }
}

void BM_Hs256Verify_CppJwt(benchmark::State& state) {
  using namespace jwt::params;
  jwt::jwt_object token{algorithm("HS256"), secret(hmac_key), payload({{"sub", "user-000042"}})};
  token.add_claim("exp", expires);
  const std::string encoded = token.signature();
  for (auto _ : state) {
    std::error_code ec;
    auto decoded = jwt::decode(encoded, algorithms({"HS256"}), ec, secret(hmac_key), verify(true));
    if (ec) state.SkipWithError("cpp-jwt rejected");
    benchmark::DoNotOptimize(decoded);
  }
}

BENCHMARK(BM_Hs256Sign_CppJwt);
BENCHMARK(BM_Hs256Verify_CppJwt);

}  // namespace

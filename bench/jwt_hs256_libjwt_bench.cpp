// HS256 sign and verify on the same claims and key in revbench's codec and
// in the two JWT libraries Debian packages (libjwt 1.10, cpp-jwt 1.4); each
// verification also checks exp, as revbench's does. One file per library:
// libjwt's `struct jwt` and cpp-jwt's `namespace jwt` cannot share one.
#include <benchmark/benchmark.h>
#include <jwt.h>

#include <cstdlib>
#include <ctime>
#include <string>

namespace {

const std::string hmac_key(32, 's');
const long expires = std::time(nullptr) + 3600;

void BM_Hs256Sign_Libjwt(benchmark::State& state) {
  for (auto _ : state) {
    jwt_t* token = nullptr;
    jwt_new(&token);
    jwt_set_alg(token, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(hmac_key.data()), static_cast<int>(hmac_key.size()));
    jwt_add_header(token, "kid", "k1");
    jwt_add_grant(token, "sub", "user-000042");
    jwt_add_grant_int(token, "exp", expires);
    char* encoded = jwt_encode_str(token);
    benchmark::DoNotOptimize(encoded);
    std::free(encoded);
    jwt_free(token);
  }
}

void BM_Hs256Verify_Libjwt(benchmark::State& state) {
  jwt_t* token = nullptr;
  jwt_new(&token);
  jwt_set_alg(token, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(hmac_key.data()), static_cast<int>(hmac_key.size()));
  jwt_add_grant(token, "sub", "user-000042");
  jwt_add_grant_int(token, "exp", expires);
  char* encoded = jwt_encode_str(token);
  jwt_free(token);
  for (auto _ : state) {
    jwt_t* decoded = nullptr;
    const int rc = jwt_decode(&decoded, encoded, reinterpret_cast<const unsigned char*>(hmac_key.data()),
                              static_cast<int>(hmac_key.size()));
    if (rc != 0 || jwt_get_grant_int(decoded, "exp") <= std::time(nullptr)) state.SkipWithError("libjwt rejected");
    jwt_free(decoded);
  }
  std::free(encoded);
}

BENCHMARK(BM_Hs256Sign_Libjwt);
BENCHMARK(BM_Hs256Verify_Libjwt);

}  // namespace

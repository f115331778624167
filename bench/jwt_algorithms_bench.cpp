// revbench's own codec: sign and verify for every algorithm, and claims parsing.
#include <benchmark/benchmark.h>

#include "harness/jwt/claims.hpp"
#include "harness/jwt/codec.hpp"

namespace revbench::jwt {
namespace {

Claims sample_claims() {
  const auto now = static_cast<std::int64_t>(unix_now());
  return Claims{"user-000042", random_id(), random_id(), now, now + 300, now * 1000000, 7, "access"};
}

void BM_Sign(benchmark::State& state) {
  const auto alg = static_cast<Algorithm>(state.range(0));
  const Key key = Key::generate(alg, "k1");
  const auto payload = sample_claims().to_payload();
  for (auto _ : state) benchmark::DoNotOptimize(sign(key, payload));
  state.SetLabel(std::string(to_string(alg)));
}

void BM_Verify(benchmark::State& state) {
  const auto alg = static_cast<Algorithm>(state.range(0));
  KeyRing ring;
  ring.add(Key::generate(alg, "k1"));
  const std::string token = sign(ring.current(), sample_claims().to_payload());
  const VerifyOptions options;
  for (auto _ : state) {
    auto verified = verify(token, ring, options, unix_now());
    if (!verified) state.SkipWithError("verification failed");
    benchmark::DoNotOptimize(verified);
  }
  state.SetLabel(std::string(to_string(alg)));
}

void BM_ClaimsFromPayload(benchmark::State& state) {
  const auto payload = sample_claims().to_payload();
  for (auto _ : state) benchmark::DoNotOptimize(Claims::from_payload(payload));
}

#define REVBENCH_ALGORITHMS                                                                    \
  Arg(static_cast<int>(Algorithm::HS256))->Arg(static_cast<int>(Algorithm::RS256))            \
      ->Arg(static_cast<int>(Algorithm::ES256))->Arg(static_cast<int>(Algorithm::EdDSA))
BENCHMARK(BM_Sign)->REVBENCH_ALGORITHMS;
BENCHMARK(BM_Verify)->REVBENCH_ALGORITHMS;
BENCHMARK(BM_ClaimsFromPayload);

}  // namespace
}  // namespace revbench::jwt

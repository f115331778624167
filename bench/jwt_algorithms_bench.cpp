// revbench's own codec: sign and verify for every algorithm (verify with the
// DOM payload and verify_claims, the hot path's one pass), and claims parsing.
#include <benchmark/benchmark.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "harness/jwt/claims.hpp"
#include "harness/jwt/claims_reader.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/jwt/duplicate_members.hpp"

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

// One token of the benchmark's algorithm through `verify_token` (the document
// verify or the hot path's verify_claims), repeatedly.
template <typename VerifyToken>
void verify_repeatedly(benchmark::State& state, VerifyToken verify_token) {
  const auto alg = static_cast<Algorithm>(state.range(0));
  KeyRing ring;
  ring.add(Key::generate(alg, "k1"));
  const std::string token = sign(ring.current(), sample_claims().to_payload());
  const VerifyOptions options;
  for (auto _ : state) {
    auto verified = verify_token(token, ring, options, unix_now());
    if (!verified) state.SkipWithError("verification failed");
    benchmark::DoNotOptimize(verified);
  }
  state.SetLabel(std::string(to_string(alg)));
}

void BM_Verify(benchmark::State& state) {
  verify_repeatedly(state, [](auto&&... args) { return verify(args...); });
}

void BM_VerifyClaims(benchmark::State& state) {
  verify_repeatedly(state, [](auto&&... args) { return verify_claims(args...); });
}

void BM_ClaimsFromPayload(benchmark::State& state) {
  const auto payload = sample_claims().to_payload();
  for (auto _ : state) benchmark::DoNotOptimize(Claims::from_payload(payload));
}

// Payload text to claims, as the hot path read it before (duplicate pass,
// document, claims from the document) and as it reads it now (one pass).
void BM_ClaimsFromTextDom(benchmark::State& state) {
  const std::string text = boost::json::serialize(sample_claims().to_payload());
  for (auto _ : state) {
    if (has_duplicate_members(text)) state.SkipWithError("duplicate");
    benchmark::DoNotOptimize(Claims::from_payload(boost::json::parse(text).as_object()));
  }
}

void BM_ClaimsFromTextOnePass(benchmark::State& state) {
  const std::string text = boost::json::serialize(sample_claims().to_payload());
  for (auto _ : state) {
    ClaimValues values;
    if (!read_claims(text, values)) state.SkipWithError("refused");
    benchmark::DoNotOptimize(std::move(values).claims());
  }
}

#define REVBENCH_ALGORITHMS                                                                    \
  Arg(static_cast<int>(Algorithm::HS256))->Arg(static_cast<int>(Algorithm::RS256))            \
      ->Arg(static_cast<int>(Algorithm::ES256))->Arg(static_cast<int>(Algorithm::EdDSA))
BENCHMARK(BM_Sign)->REVBENCH_ALGORITHMS;
BENCHMARK(BM_Verify)->REVBENCH_ALGORITHMS;
BENCHMARK(BM_VerifyClaims)->REVBENCH_ALGORITHMS;
BENCHMARK(BM_ClaimsFromPayload);
BENCHMARK(BM_ClaimsFromTextDom);
BENCHMARK(BM_ClaimsFromTextOnePass);

}  // namespace
}  // namespace revbench::jwt

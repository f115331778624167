// Each strategy's verify path (what GET /api/resource costs before the
// handler) against the embedded Redis and PostgreSQL: 64 verifications in
// flight on one io thread, as on a busy server worker, so the store clients
// pipeline as they do in the server. Items per second are verifications.
#include <benchmark/benchmark.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include <string>

#include "bench/bench_worker.hpp"
#include "strategies/registry.hpp"

namespace {
namespace asio = boost::asio;
using namespace revbench;

constexpr int in_flight = 64;

asio::awaitable<void> verify_once(strategies::Strategy& strategy, bench::Worker& worker, const std::string& token, int& left,
                                  bool& refused) {
  store::OpTally tally;
  strategies::Context ctx{worker.redis, worker.pg, tally, bench::now_seconds()};
  const auto verified = co_await strategy.verify(ctx, token);
  refused = refused || !verified;
  --left;
}

void BM_StrategyVerify(benchmark::State& state, const char* name) {
  auto strategy = strategies::make_strategy(name, {});
  bench::Worker worker(strategy->statements());
  const std::string token = worker.issue_token(*strategy);
  if (token.empty()) {
    state.SkipWithError("could not issue a token");
    return;
  }
  bool refused = false;
  for (auto _ : state) {
    int left = in_flight;
    for (int i = 0; i < in_flight; ++i) asio::co_spawn(worker.io, verify_once(*strategy, worker, token, left, refused), asio::detached);
    worker.run_until([&] { return left == 0; });
  }
  if (refused) state.SkipWithError("a verification was refused");
  state.SetItemsProcessed(state.iterations() * in_flight);
}

BENCHMARK_CAPTURE(BM_StrategyVerify, short_ttl, "short-ttl")->UseRealTime();
BENCHMARK_CAPTURE(BM_StrategyVerify, redis_denylist, "redis-denylist")->UseRealTime();
BENCHMARK_CAPTURE(BM_StrategyVerify, pg_token_version, "pg-token-version")->UseRealTime();
BENCHMARK_CAPTURE(BM_StrategyVerify, refresh_rotation, "refresh-rotation")->UseRealTime();
BENCHMARK_CAPTURE(BM_StrategyVerify, secret_rotation, "secret-rotation")->UseRealTime();
BENCHMARK_CAPTURE(BM_StrategyVerify, allowlist, "allowlist")->UseRealTime();

}  // namespace

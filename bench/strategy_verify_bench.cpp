// Each strategy's verify path (what GET /api/resource costs before the
// handler) against the embedded Redis and PostgreSQL: 64 verifications in
// flight on one io thread, as on a busy server worker, so the store clients
// pipeline as they do in the server. Items per second are verifications.
#include <benchmark/benchmark.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>

#include "harness/jwt/claims.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/server/seed.hpp"
#include "harness/store/embedded_stores.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/redis_client.hpp"
#include "strategies/registry.hpp"

namespace {
namespace asio = boost::asio;
using namespace revbench;

constexpr int in_flight = 64;

// Started once for every benchmark in the binary.
store::Stores& stores() {
  static store::Stores instance = [] {
    store::Stores s(std::nullopt, std::nullopt);
    server::seed_users(s.pg_url(), 1, server::cheap_password_iterations);
    return s;
  }();
  return instance;
}

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Worker {
  asio::io_context io{1};
  store::OpCounters counters;
  store::RedisClient redis;
  store::PgClient pg;

  Worker(const strategies::Strategy& strategy)
      : redis(io.get_executor(), store::parse_redis_url(stores().redis_url()), counters),
        pg(io.get_executor(), pg_config(strategy), counters) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!(redis.connected() && pg.connected_count() > 0)) {
      if (std::chrono::steady_clock::now() > give_up) throw std::runtime_error("the stores did not answer");
      io.run_one_for(std::chrono::milliseconds(10));
    }
  }

  static store::PgConfig pg_config(const strategies::Strategy& strategy) {
    store::PgConfig config;
    config.conninfo = stores().pg_url();
    config.pool_size = 1;
    config.statements = strategy.statements();
    return config;
  }

  // Runs the io thread until `done` holds.
  template <typename Done>
  void run_until(Done done) {
    while (!done()) io.run_one();
  }
};

asio::awaitable<void> verify_once(strategies::Strategy& strategy, Worker& worker, const std::string& token, int& left,
                                  bool& refused) {
  store::OpTally tally;
  strategies::Context ctx{worker.redis, worker.pg, tally, now_seconds()};
  const auto verified = co_await strategy.verify(ctx, token);
  refused = refused || !verified;
  --left;
}

void BM_StrategyVerify(benchmark::State& state, const char* name) {
  auto strategy = strategies::make_strategy(name, {});
  Worker worker(*strategy);
  std::optional<std::string> token;
  asio::co_spawn(
      worker.io,
      [&]() -> asio::awaitable<void> {
        store::OpTally tally;
        strategies::Context ctx{worker.redis, worker.pg, tally, now_seconds()};
        // (Built before co_await: GCC 12 miscompiles braced temporaries inside it.)
        const strategies::UserRecord user{server::seeded_user(1), 0};
        std::string sid = "bench-" + jwt::random_id();  // a fresh session each time the benchmark is run
        auto pair = co_await strategy->issue(ctx, user, std::move(sid));
        token = pair ? pair.value->access_token : std::string();
        if (!pair) std::fprintf(stderr, "issue refused: %s %s\n", pair.refusal.reason.c_str(), pair.refusal.detail.c_str());
      },
      asio::detached);
  worker.run_until([&] { return token.has_value(); });
  if (token->empty()) {
    state.SkipWithError("could not issue a token");
    return;
  }
  bool refused = false;
  for (auto _ : state) {
    int left = in_flight;
    for (int i = 0; i < in_flight; ++i) asio::co_spawn(worker.io, verify_once(*strategy, worker, *token, left, refused), asio::detached);
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

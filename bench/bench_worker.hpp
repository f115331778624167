#pragma once
// What the benchmarks that run server code need: the embedded stores (started
// once per binary) and one server worker's io thread with its store clients.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/contract/seeded_users.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/server/seed.hpp"
#include "harness/store/embedded_stores.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/redis_client.hpp"
#include "strategies/strategy.hpp"

namespace revbench::bench {

inline store::Stores& stores() {
  static store::Stores instance = [] {
    store::Stores s(std::nullopt, std::nullopt);
    server::seed_users(s.pg_url(), 1, server::cheap_password_iterations);
    return s;
  }();
  return instance;
}

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Worker {
  boost::asio::io_context io{1};
  store::OpCounters counters;
  store::RedisClient redis;
  store::PgClient pg;

  explicit Worker(std::vector<store::PreparedStatement> statements)
      : redis(io.get_executor(), store::parse_redis_url(stores().redis_url()), counters),
        pg(io.get_executor(), pg_config(std::move(statements)), counters) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!(redis.connected() && pg.connected_count() > 0)) {
      if (std::chrono::steady_clock::now() > give_up) throw std::runtime_error("the stores did not answer");
      io.run_one_for(std::chrono::milliseconds(10));
    }
  }

  static store::PgConfig pg_config(std::vector<store::PreparedStatement> statements) {
    store::PgConfig config;
    config.conninfo = stores().pg_url();
    config.pool_size = 1;
    config.statements = std::move(statements);
    return config;
  }

  // Runs the io thread until `done` holds.
  template <typename Done>
  void run_until(Done done) {
    while (!done()) io.run_one();
  }

  // An access token for the seeded user on a fresh session; empty if refused.
  std::string issue_token(strategies::Strategy& strategy) {
    std::optional<std::string> token;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          store::OpTally tally;
          strategies::Context ctx{redis, pg, tally, now_seconds()};
          // (Built before co_await: GCC 12 miscompiles braced temporaries inside it.)
          const strategies::UserRecord user{contract::seeded_user(1), 0};
          std::string sid = "bench-" + jwt::random_id();  // a fresh session each time the benchmark is run
          auto pair = co_await strategy.issue(ctx, user, std::move(sid));
          token = pair ? pair.value->access_token : std::string();
          if (!pair)
            std::fprintf(stderr, "issue refused: %s %s\n", std::string(to_string(pair.refusal.reason)).c_str(), pair.refusal.detail.c_str());
        },
        boost::asio::detached);
    run_until([&] { return token.has_value(); });
    return *token;
  }
};

}  // namespace revbench::bench

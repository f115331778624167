// Throughput of revbench's store clients with a fixed number of requests in
// flight, in the shape of redis-benchmark -t get and pgbench -S -M prepared,
// so scripts/bench-stores can set them side by side.
#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <iostream>
#include <random>

#include "harness/store/pg_client.hpp"
#include "harness/store/poll_until.hpp"
#include "harness/store/redis_client.hpp"

namespace asio = boost::asio;
using namespace revbench::store;

namespace {

struct Options {
  std::string url;
  int in_flight = 50;
  long requests = 200000;
  std::size_t pool = 2;
  long accounts = 100000;  // pgbench scale 1
};

// Runs `in_flight` coroutines that each repeat `one_request` until `requests`
// have completed; returns requests per second and counts failures.
template <typename Request>
double drive(asio::io_context& io, const Options& options, Request one_request, long& failures) {
  long issued = 0;
  long completed = 0;
  const auto started = std::chrono::steady_clock::now();
  auto worker = [&]() -> asio::awaitable<void> {
    while (issued < options.requests) {
      ++issued;
      if (!co_await one_request()) ++failures;
      if (++completed == options.requests) io.stop();
    }
  };
  for (int i = 0; i < options.in_flight; ++i) asio::co_spawn(io, worker(), asio::detached);
  io.restart();
  io.run();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return static_cast<double>(completed) / seconds;
}

int bench_redis(const Options& options) {
  asio::io_context io(1);
  OpCounters counters;
  RedisClient redis(io.get_executor(), parse_redis_url(options.url), counters);
  bool ready = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    ready = co_await poll_until([&] { return redis.connected(); }, std::chrono::seconds(5)) &&
            co_await redis.execute(nullptr, "SET", "key:__rand_int__", "xxx");
    io.stop();
  }, asio::detached);
  io.run();
  if (!ready) return std::cerr << "redis not reachable at " << options.url << "\n", 1;
  long failures = 0;
  const double rps = drive(io, options, [&]() -> asio::awaitable<bool> {
    co_return (co_await redis.execute(nullptr, "GET", "key:__rand_int__")).has_value();
  }, failures);
  std::cout << "revbench redis GET: in_flight=" << options.in_flight << " requests=" << options.requests
            << " failures=" << failures << " rps=" << static_cast<long>(rps) << "\n";
  return failures == 0 ? 0 : 1;
}

int bench_pg(const Options& options) {
  asio::io_context io(1);
  OpCounters counters;
  PgConfig config;
  config.conninfo = options.url;
  config.pool_size = options.pool;
  config.statements = {{"select_balance", "SELECT abalance FROM pgbench_accounts WHERE aid = $1"}};
  PgClient pg(io.get_executor(), config, counters);
  bool ready = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    ready = co_await poll_until([&] { return pg.connected_count() == options.pool; }, std::chrono::seconds(10));
    io.stop();
  }, asio::detached);
  io.run();
  if (!ready) return std::cerr << "postgres not reachable at " << options.url << "\n", 1;
  std::mt19937_64 random(42);
  std::uniform_int_distribution<long> aid(1, options.accounts);
  long failures = 0;
  const double rps = drive(io, options, [&]() -> asio::awaitable<bool> {
    const std::string id = std::to_string(aid(random));
    auto result = co_await pg.query(nullptr, "select_balance", id);
    co_return result && result->rows() == 1;
  }, failures);
  std::cout << "revbench postgres SELECT: in_flight=" << options.in_flight << " pool=" << options.pool
            << " requests=" << options.requests << " failures=" << failures << " rps=" << static_cast<long>(rps)
            << "\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Store client throughput (see scripts/bench-stores)"};
  app.require_subcommand(1);
  Options options;
  for (auto* command : {app.add_subcommand("redis", "GET one key, like redis-benchmark -t get"),
                        app.add_subcommand("pg", "SELECT one account by id, like pgbench -S -M prepared")}) {
    command->add_option("--url", options.url, "Server URL")->required();
    command->add_option("--in-flight", options.in_flight, "Requests in flight at once");
    command->add_option("--requests", options.requests, "Requests in all");
    command->add_option("--pool", options.pool, "PostgreSQL connections");
    command->add_option("--accounts", options.accounts, "pgbench_accounts rows (100000 x scale)");
  }
  CLI11_PARSE(app, argc, argv);
  return app.got_subcommand("redis") ? bench_redis(options) : bench_pg(options);
}

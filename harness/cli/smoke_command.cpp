// `revbench smoke`: the end-to-end check that a machine is ready: stores up
// (embedded or given), schema applied, both async clients answering many
// concurrent requests correctly, a token signed and verified.
#include <CLI/CLI.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <iomanip>
#include <iostream>

#include "harness/cli/commands.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/store/embedded_stores.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/poll_until.hpp"
#include "harness/store/redis_client.hpp"

namespace revbench::cli {
namespace asio = boost::asio;
namespace {

struct SmokeOptions {
  StoreOptions stores;
  int concurrency = 200;
};

struct Tally {
  int ok = 0;
  int wrong = 0;
  std::string first_error;
  void fail(std::string message) {
    ++wrong;
    if (first_error.empty()) first_error = std::move(message);
  }
};

asio::awaitable<void> redis_round_trip(store::RedisClient& redis, int i, Tally& tally) {
  const std::string key = "smoke:" + std::to_string(i);
  const std::string value = std::to_string(i * 7);
  auto set = co_await redis.execute(nullptr, "SET", key, value, "EX", "60");
  auto get = co_await redis.execute(nullptr, "GET", key);
  if (!set) co_return tally.fail(set.error().message);
  if (!get) co_return tally.fail(get.error().message);
  if (get->str != value) co_return tally.fail("redis GET " + key + " returned '" + get->str + "'");
  ++tally.ok;
}

asio::awaitable<void> pg_round_trip(store::PgClient& pg, int i, Tally& tally) {
  const std::string n = std::to_string(i);
  auto echoed = co_await pg.query(nullptr, "echo", n);
  if (!echoed) co_return tally.fail(echoed.error().message);
  if (echoed->get(0, 0) != n) co_return tally.fail("postgres echo returned '" + std::string(echoed->get(0, 0)) + "'");
  ++tally.ok;
}

bool jwt_round_trip() {
  jwt::KeyRing ring;
  ring.add(jwt::Key::generate(jwt::Algorithm::HS256, "smoke"));
  jwt::Claims claims{"alice", jwt::random_id(), jwt::random_id(), 0, 0, 0, std::nullopt, "access"};
  const auto now = static_cast<std::int64_t>(jwt::unix_now());
  claims.iat = now;
  claims.exp = now + 60;
  const std::string token = jwt::sign(ring.current(), claims.to_payload());
  auto verified = jwt::verify(token, ring, {}, jwt::unix_now());
  return verified && jwt::Claims::from_payload(verified->payload).has_value();
}

int run(const SmokeOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const ShutdownSignals shutdown;
  store::Stores stores(options.stores.redis_url, options.stores.pg_url);
  std::cout << "stores:   redis " << stores.redis_url() << (stores.embedded_redis() ? " (embedded)" : "") << "\n"
            << "          postgres " << stores.pg_url() << (stores.embedded_postgres() ? " (embedded)" : "") << "\n";

  asio::io_context io(1);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  bool interrupted = false;
  signals.async_wait([&](boost::system::error_code ec, int) {
    if (!ec) {
      interrupted = true;
      io.stop();
    }
  });
  shutdown.unblock();

  store::OpCounters counters;
  store::RedisClient redis(io.get_executor(), store::parse_redis_url(stores.redis_url()), counters);
  store::PgConfig pg_config;
  pg_config.conninfo = stores.pg_url();
  pg_config.statements = {{"echo", "SELECT $1::int"}};
  store::PgClient pg(io.get_executor(), pg_config, counters);

  Tally redis_tally;
  Tally pg_tally;
  bool connected = false;
  int remaining = 2 * options.concurrency;
  auto one_done = [&](std::exception_ptr) {
    if (--remaining == 0) io.stop();
  };
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        connected = co_await store::poll_until([&] { return redis.connected() && pg.connected_count() > 0; },
                                               std::chrono::seconds(10));
        if (connected) {
          for (int i = 0; i < options.concurrency; ++i) {
            asio::co_spawn(io, redis_round_trip(redis, i, redis_tally), one_done);
            asio::co_spawn(io, pg_round_trip(pg, i, pg_tally), one_done);
          }
        } else {
          io.stop();
        }
      },
      asio::detached);
  io.run();
  if (interrupted) {
    std::cerr << "revbench smoke: interrupted\n";
    return 130;
  }

  const bool jwt_ok = jwt_round_trip();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "redis:    " << redis_tally.ok << "/" << options.concurrency << " concurrent SET+GET correct\n"
            << "postgres: " << pg_tally.ok << "/" << options.concurrency << " concurrent prepared queries correct\n"
            << "jwt:      HS256 sign+verify " << (jwt_ok ? "ok" : "FAILED") << "\n"
            << "ops:      ";
  for (const auto& entry : counters.snapshot()) std::cout << store::to_string(entry.store) << "." << entry.op << "=" << entry.count << " ";
  std::cout << "\n" << std::fixed << std::setprecision(2) << "elapsed:  " << seconds << " s (including store start-up)\n";
  for (const auto* tally : {&redis_tally, &pg_tally})
    if (!tally->first_error.empty()) std::cerr << "first error: " << tally->first_error << "\n";
  const bool ok = connected && jwt_ok && redis_tally.ok == options.concurrency && pg_tally.ok == options.concurrency;
  std::cout << (ok ? "smoke: PASS" : "smoke: FAIL") << std::endl;
  return ok ? 0 : 1;
}

}  // namespace

Action add_smoke_command(CLI::App& app) {
  auto* command = app.add_subcommand("smoke", "Start the stores and check every layer end to end");
  auto options = std::make_shared<SmokeOptions>();
  add_store_options(*command, options->stores);
  command->add_option("--concurrency", options->concurrency, "Concurrent requests per store")->check(CLI::Range(1, 100000));
  return [options] { return run(*options); };
}

}  // namespace revbench::cli

#include "harness/store/pg_client.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "harness/store/embedded_stores.hpp"
#include "harness/store/free_port.hpp"
#include "harness/store/migrations.hpp"
#include "harness/store/poll_until.hpp"
#include "store_environment.hpp"

namespace revbench::store {
namespace {
namespace asio = boost::asio;
using testing::run;
using namespace std::chrono_literals;

PgConfig config_for(const std::string& url, std::size_t pool = 1, std::chrono::milliseconds timeout = 2000ms) {
  PgConfig config;
  config.conninfo = url;
  config.pool_size = pool;
  config.query_timeout = timeout;
  config.statements = {{"double", "SELECT $1::int + $1::int"},  // no literal: pg_stat_statements keeps the text as is
                       {"divide", "SELECT 100 / $1::int"},
                       {"user_count", "SELECT count(*) FROM users"}};
  return config;
}

asio::awaitable<bool> connected(PgClient& client, std::size_t n = 1) {
  co_return co_await poll_until([&] { return client.connected_count() >= n; }, 10s);
}

// Sends `statement` every 10 ms until it is answered (true) or `limit` passes
// (false, the last refusal in `last_error`).
asio::awaitable<bool> answers_within(PgClient& client, const char* statement, std::chrono::milliseconds limit,
                                     std::string& last_error) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (const auto until = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < until;) {
    auto result = co_await client.query(nullptr, statement);
    if (result) co_return true;
    last_error = result.error().message;
    timer.expires_after(10ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
  co_return false;
}

TEST(PgClient, ThousandConcurrentQueriesPipelineOnOneConnection) {
  const std::string url = testing::shared_postgres().url();
  testing::pg_scalar(url, "SELECT count(*) FROM (SELECT pg_stat_statements_reset()) AS reset");
  asio::io_context io;
  OpCounters counters;
  PgClient client(io.get_executor(), config_for(url), counters);
  ASSERT_TRUE(run(io, connected(client)));

  constexpr int n = 1000;
  int correct = 0;
  int finished = 0;
  auto one = [&](int i) -> asio::awaitable<void> {
    const std::string param = std::to_string(i);
    auto result = co_await client.query(nullptr, "double", param);
    if (result && result->rows() == 1 && result->get(0, 0) == std::to_string(2 * i)) ++correct;
    if (++finished == n) io.stop();
  };
  for (int i = 0; i < n; ++i) asio::co_spawn(io, one(i), asio::detached);
  io.restart();
  io.run();

  EXPECT_EQ(correct, n);
  EXPECT_GE(client.peak_in_flight(), static_cast<std::size_t>(n) / 2);
  EXPECT_EQ(counters.count(Store::postgres, "double"), static_cast<std::uint64_t>(n));
  EXPECT_EQ(testing::pg_scalar(url, "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query = "
                                    "'SELECT $1::int + $1::int'"),
            n);
}

// With pipelining off, each connection of the pool has one query in flight.
TEST(PgClient, WithoutPipeliningOneQueryPerConnection) {
  asio::io_context io;
  OpCounters counters;
  auto config = config_for(testing::shared_postgres().url(), 2);
  config.pipelining = false;
  PgClient client(io.get_executor(), config, counters);
  ASSERT_TRUE(run(io, connected(client, 2)));
  run(io, poll_until([] { return false; }, 300ms));  // the connections' own PREPAREs answered first
  constexpr int n = 200;
  const int correct = testing::run_concurrently(io, n, [&](int i) -> asio::awaitable<bool> {
    const std::string param = std::to_string(i);
    auto result = co_await client.query(nullptr, "double", param);
    co_return result && result->get(0, 0) == std::to_string(2 * i);
  });
  EXPECT_EQ(correct, n);
  EXPECT_EQ(client.peak_in_flight(), 1U);
}

TEST(PgClient, OneFailingQueryDoesNotAbortItsNeighbours) {
  asio::io_context io;
  OpCounters counters;
  PgClient client(io.get_executor(), config_for(testing::shared_postgres().url()), counters);
  ASSERT_TRUE(run(io, connected(client)));
  int ok = 0;
  int failed = 0;
  int finished = 0;
  auto one = [&](int divisor) -> asio::awaitable<void> {
    const std::string param = std::to_string(divisor);
    auto result = co_await client.query(nullptr, "divide", param);
    if (result && result->get(0, 0) == std::to_string(100 / divisor)) ++ok;
    if (!result && result.error().fault == Fault::server_error &&
        result.error().message.find("division by zero") != std::string::npos)
      ++failed;
    if (++finished == 21) io.stop();
  };
  for (int i = -10; i <= 10; ++i) asio::co_spawn(io, one(i), asio::detached);
  io.restart();
  io.run();
  EXPECT_EQ(ok, 20);
  EXPECT_EQ(failed, 1);
}

TEST(PgClient, TallyAndNullParameters) {
  asio::io_context io;
  OpCounters counters;
  PgClient client(io.get_executor(), config_for(testing::shared_postgres().url(), 2), counters);
  OpTally tally;
  const auto result = run(io, [&]() -> asio::awaitable<StoreResult<PgResult>> {
    co_await connected(client, 2);
    co_await client.query(&tally, "user_count");
    co_return co_await client.query(&tally, "double", std::nullopt);
  }());
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->is_null(0, 0));
  EXPECT_EQ(tally.postgres, 2U);
}

// A text parameter is sent NUL-terminated: one with a NUL inside is refused,
// never sent cut short (where it would match the name before the NUL).
TEST(PgClient, RefusesATextParameterWithANulByte) {
  asio::io_context io;
  OpCounters counters;
  PgConfig config = config_for(testing::shared_postgres().url());
  config.statements.push_back({"echo", "SELECT $1::text"});
  PgClient client(io.get_executor(), config, counters);
  OpTally tally;
  const std::string with_nul("user-000006\0x", 13);
  const auto result = run(io, [&]() -> asio::awaitable<StoreResult<PgResult>> {
    co_await connected(client);
    co_return co_await client.query(&tally, "echo", std::string_view(with_nul));
  }());
  ASSERT_FALSE(result) << "sent as '" << result->get(0, 0) << "'";
  EXPECT_EQ(result.error().fault, Fault::server_error);
  EXPECT_EQ(tally.postgres, 0U);
}

TEST(PgClient, StoppedServerTimesOutThenRecovers) {
  EmbeddedPostgres postgres;
  apply_migrations(postgres.url());
  asio::io_context io;
  OpCounters counters;
  PgClient client(io.get_executor(), config_for(postgres.url(), 1, 300ms), counters);
  ASSERT_TRUE(run(io, connected(client)));
  // Answered, so are the connection's PREPAREs: stopped before them, the
  // server would leave the connection silent since its connect, and the
  // query below would be dropped with it instead of timing out.
  ASSERT_TRUE(run(io, client.query(nullptr, "double", "1")));

  // Distinct payloads: a late result handed to the next caller would show.
  postgres.signal(SIGSTOP);
  const auto started = std::chrono::steady_clock::now();
  const auto stalled = run(io, client.query(nullptr, "double", "4"));
  const auto waited = std::chrono::steady_clock::now() - started;
  postgres.signal(SIGCONT);
  ASSERT_FALSE(stalled);
  EXPECT_EQ(stalled.error().fault, Fault::timeout);
  EXPECT_GE(waited, 290ms);
  EXPECT_LT(waited, 1500ms);

  // Silent for a whole timeout, the connection was dropped (it may be
  // half-open): the client has made a new one.
  ASSERT_TRUE(run(io, connected(client)));
  const auto after = run(io, client.query(nullptr, "double", "21"));
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->get(0, 0), "42");
}

TEST(PgClient, ReconnectsAfterTheServerIsKilledAndRestarted) {
  EmbeddedPostgres postgres;
  apply_migrations(postgres.url());
  asio::io_context io;
  OpCounters counters;
  PgClient client(io.get_executor(), config_for(postgres.url()), counters);
  ASSERT_TRUE(run(io, connected(client)));
  ASSERT_TRUE(run(io, client.query(nullptr, "user_count")));

  postgres.kill();
  const auto during = run(io, [&]() -> asio::awaitable<StoreResult<PgResult>> {
    // The client learns of the death when the socket closes; give it a moment.
    co_await poll_until([&] { return client.connected_count() == 0; }, 2s);
    co_return co_await client.query(nullptr, "user_count");
  }());
  ASSERT_FALSE(during);
  EXPECT_EQ(during.error().fault, Fault::unavailable);

  postgres.start();
  const auto restarted = std::chrono::steady_clock::now();
  std::string last_error;
  EXPECT_TRUE(run(io, answers_within(client, "user_count", 10s, last_error))) << last_error;
  EXPECT_LT(std::chrono::steady_clock::now() - restarted, 3s);
}

// libpq tries the hosts of a URL in turn, each on a socket of its own, often
// under the number of the one it just closed: a client that kept watching
// the first descriptor never heard the second host answer, and timed out.
TEST(PgClient, ConnectsToTheNextHostWhenTheFirstRefuses) {
  const auto live = testing::shared_postgres().port();
  const auto dead = free_loopback_port();  // nothing listens there
  const std::string url = "postgresql://revbench@127.0.0.1:" + std::to_string(dead) + ",127.0.0.1:" +
                          std::to_string(live) + "/revbench";
  asio::io_context io;
  OpCounters counters;
  PgClient client(io.get_executor(), config_for(url), counters);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(run(io, connected(client)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  const auto answer = run(io, client.query(nullptr, "double", "21"));
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->get(0, 0), "42");
}

// A failover as a failover manager makes it: the primary killed, its standby
// promoted; a client given both hosts (target_session_attrs=read-write)
// writes to the promoted one, and the dead one comes back as its standby.
TEST(PgClient, FollowsAPromotedStandby) {
  Stores stores(testing::shared_redis().url(), std::nullopt, StoreTopology{RedisTopology::single, PgTopology::standby});
  asio::io_context io;
  OpCounters counters;
  auto config = config_for(stores.pg_failover_url());
  config.statements.push_back({"write", "UPDATE users SET token_version = token_version + 1 WHERE id = -1"});
  PgClient client(io.get_executor(), config, counters);
  ASSERT_TRUE(run(io, connected(client)));
  ASSERT_TRUE(run(io, client.query(nullptr, "write")));
  const auto* promoted = stores.pg_standby();

  const auto killed = std::chrono::steady_clock::now();
  stores.fail_postgres_over();
  EXPECT_EQ(stores.embedded_postgres(), promoted);
  std::string last_error;
  EXPECT_TRUE(run(io, answers_within(client, "write", 3s, last_error))) << last_error;
  EXPECT_LT(std::chrono::steady_clock::now() - killed, 2s);

  stores.rebuild_pg_standby();
  ASSERT_NE(stores.pg_standby(), nullptr);
  EXPECT_TRUE(stores.pg_standby()->streaming());
  EXPECT_EQ(testing::pg_scalar(stores.pg_standby_url(), "SELECT pg_is_in_recovery()::int"), 1);
}

}  // namespace
}  // namespace revbench::store

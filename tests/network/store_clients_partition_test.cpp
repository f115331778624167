// The store clients through a link that is partitioned, then healed: what
// the issue asks of them ("commands that time out must not queue without
// bound; reconnect after heal within 1 s").
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "harness/network/tcp_link.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/poll_until.hpp"
#include "harness/store/redis_client.hpp"
#include "tests/store/store_environment.hpp"

namespace revbench::network {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using store::testing::run;

constexpr auto timeout = 300ms;
constexpr auto partition = 2s;
constexpr auto every = 1ms;  // a command each: 2,000 sent into the partition

LinkOptions link_to(std::uint16_t port) {
  LinkOptions options;
  options.upstream_port = port;
  return options;
}

// Sends one command every `every` for `span`, each awaited on its own
// coroutine as a server's requests would, and returns once all are answered.
template <typename Send>
asio::awaitable<int> send_steadily(Send send, std::chrono::milliseconds span) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer pace(executor);
  auto unanswered = std::make_shared<int>(0);
  int sent = 0;
  for (const auto end = Clock::now() + span; Clock::now() < end; ++sent) {
    ++*unanswered;
    asio::co_spawn(executor, [send, unanswered]() -> asio::awaitable<void> {
      co_await send();
      --*unanswered;
    }, asio::detached);
    pace.expires_after(every);
    co_await pace.async_wait(asio::use_awaitable);
  }
  while (*unanswered > 0) {
    pace.expires_after(10ms);
    co_await pace.async_wait(asio::use_awaitable);
  }
  co_return sent;
}

// How long after the heal the first command is answered.
template <typename Succeeds>
asio::awaitable<Clock::duration> recovery(Succeeds succeeds) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer pace(executor);
  const auto healed = Clock::now();
  while (!co_await succeeds() && Clock::now() - healed < 5s) {
    pace.expires_after(5ms);
    co_await pace.async_wait(asio::use_awaitable);
  }
  co_return Clock::now() - healed;
}

TEST(StoreClientsThroughAPartition, TheRedisClientDropsASilentConnectionAndRecoversAfterTheHeal) {
  TcpLink link(link_to(store::testing::shared_redis().port()));
  asio::io_context io;
  store::OpCounters counters;
  store::RedisConfig config;
  config.port = link.port();
  config.command_timeout = timeout;
  store::RedisClient client(io.get_executor(), config, counters);
  ASSERT_TRUE(run(io, store::poll_until([&] { return client.connected(); }, 5s)));

  link.apply({.action = FaultAction::partition});
  const int sent = run(io, send_steadily([&client]() -> asio::awaitable<void> { co_await client.execute(nullptr, "PING"); },
                                         std::chrono::duration_cast<std::chrono::milliseconds>(partition)));
  // Unanswered commands are forgotten with their connection after one timeout,
  // instead of waiting on it for as long as the partition lasts.
  EXPECT_GT(sent, 1000);
  EXPECT_LT(client.peak_in_flight(), static_cast<std::size_t>(sent) / 2)
      << "the client kept " << client.peak_in_flight() << " of " << sent << " commands queued on a silent connection";

  link.heal();
  const auto took = run(io, recovery([&client]() -> asio::awaitable<bool> {
    co_return static_cast<bool>(co_await client.execute(nullptr, "PING"));
  }));
  EXPECT_LT(took, 1s) << "answered again " << std::chrono::duration<double>(took).count() << " s after the heal";
}

TEST(StoreClientsThroughAPartition, TheRedisClientShedsPastItsInFlightCap) {
  TcpLink link(link_to(store::testing::shared_redis().port()));
  asio::io_context io;
  store::OpCounters counters;
  store::RedisConfig config;
  config.port = link.port();
  config.command_timeout = 5s;
  config.max_in_flight = 50;
  store::RedisClient client(io.get_executor(), config, counters);
  ASSERT_TRUE(run(io, store::poll_until([&] { return client.connected(); }, 5s)));
  link.apply({.action = FaultAction::partition});
  int shed = 0;
  for (int i = 0; i < 80; ++i)
    asio::co_spawn(io, [&client, &shed]() -> asio::awaitable<void> {
      const auto reply = co_await client.execute(nullptr, "PING");
      if (!reply && reply.error().fault == store::Fault::unavailable) ++shed;
    }, asio::detached);
  io.restart();
  io.run_for(200ms);
  EXPECT_EQ(shed, 30);
  EXPECT_EQ(client.peak_in_flight(), 50u);
  link.heal();
}

TEST(StoreClientsThroughAPartition, ThePostgresClientDropsASilentConnectionAndRecoversAfterTheHeal) {
  auto& postgres = store::testing::shared_postgres();
  TcpLink link(link_to(postgres.port()));
  asio::io_context io;
  store::OpCounters counters;
  store::PgConfig config;
  config.conninfo = "postgresql://revbench@127.0.0.1:" + std::to_string(link.port()) + "/revbench";
  config.pool_size = 1;
  config.query_timeout = timeout;
  config.statements = {{"one", "SELECT 1"}};
  store::PgClient client(io.get_executor(), config, counters);
  ASSERT_TRUE(run(io, store::poll_until([&] { return client.connected_count() == 1; }, 5s)));

  link.apply({.action = FaultAction::partition});
  const int sent = run(io, send_steadily([&client]() -> asio::awaitable<void> { co_await client.query("one", {}); },
                                         std::chrono::duration_cast<std::chrono::milliseconds>(partition)));
  EXPECT_GT(sent, 1000);
  EXPECT_LT(client.peak_in_flight(), static_cast<std::size_t>(sent) / 2)
      << "the client kept " << client.peak_in_flight() << " of " << sent << " queries queued on a silent connection";

  link.heal();
  const auto took = run(io, recovery([&client]() -> asio::awaitable<bool> {
    co_return static_cast<bool>(co_await client.query("one", {}));
  }));
  EXPECT_LT(took, 1s) << "answered again " << std::chrono::duration<double>(took).count() << " s after the heal";
}

store::PgConfig postgres_through(std::uint16_t port, std::chrono::milliseconds query_timeout) {
  store::PgConfig config;
  config.conninfo = "postgresql://revbench@127.0.0.1:" + std::to_string(port) + "/revbench";
  config.pool_size = 1;
  config.query_timeout = query_timeout;
  config.statements = {{"one", "SELECT 1"}};
  return config;
}

// A query that arrives while the connection is being made (here: into a
// partition that heals 150 ms later) waits for it, as for an answer, instead
// of failing at once: otherwise every request between a store's return and
// the end of the handshake is a 503.
TEST(StoreClientsThroughAPartition, APostgresQueryWaitsForTheConnectionBeingMade) {
  TcpLink link(link_to(store::testing::shared_postgres().port()));
  link.apply({.action = FaultAction::partition});
  asio::io_context io;
  store::OpCounters counters;
  store::PgClient client(io.get_executor(), postgres_through(link.port(), 1s), counters);
  asio::steady_timer heal(io, 150ms);
  heal.async_wait([&link](boost::system::error_code) { link.heal(); });
  const auto answer = run(io, [&client]() -> asio::awaitable<store::StoreResult<store::PgResult>> {
    co_return co_await client.query("one", {});
  }());
  EXPECT_TRUE(answer) << answer.error().message;
}

// A peer that takes the TCP connection and never answers the handshake (a
// listening socket nobody accepts from: the kernel completes the handshake)
// is given up after the query timeout and tried again, so a host gone
// mid-handshake does not hold the connection for as long as TCP retries.
TEST(StoreClientsThroughAPartition, APostgresHandshakeThatGoesUnansweredIsTriedAgain) {
  asio::io_context io;
  asio::ip::tcp::acceptor mute(io, {asio::ip::address_v4::loopback(), 0});
  mute.listen(64);
  store::OpCounters counters;
  store::PgClient client(io.get_executor(), postgres_through(mute.local_endpoint().port(), 200ms), counters);
  io.run_for(1100ms);
  int connections = 0;
  mute.non_blocking(true);
  for (boost::system::error_code ec; !ec; ++connections) {
    asio::ip::tcp::socket accepted(io);
    mute.accept(accepted, ec);
    if (ec) --connections;
  }
  // 200 ms each and 10 ms, 20 ms, 40 ms, 80 ms between tries: five or so in 1.1 s.
  EXPECT_GE(connections, 3) << "a handshake nobody answers held the connection";
  EXPECT_EQ(client.connected_count(), 0u);
}

// A query that waited for a handshake nobody answered never reached the
// store: it is no store op of the request's (the Revbench-Store-Ops header,
// which a run's cross-check compares with what the store counted).
TEST(StoreClientsThroughAPartition, AQueryThatNeverLeftIsNotAStoreOp) {
  asio::io_context io;
  asio::ip::tcp::acceptor mute(io, {asio::ip::address_v4::loopback(), 0});
  mute.listen(64);
  store::OpCounters counters;
  store::PgClient client(io.get_executor(), postgres_through(mute.local_endpoint().port(), 200ms), counters);
  store::OpTally tally;
  const auto answer = run(io, [&client, &tally]() -> asio::awaitable<store::StoreResult<store::PgResult>> {
    co_return co_await client.query("one", {}, &tally);
  }());
  EXPECT_FALSE(answer) << "a mute peer answered";
  EXPECT_EQ(tally.postgres, 0u) << "a query that never left was announced";
  EXPECT_EQ(tally.postgres_unreachable, 1u);
}

}  // namespace
}  // namespace revbench::network

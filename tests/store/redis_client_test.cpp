#include "harness/store/redis_client.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>


#include "harness/store/free_port.hpp"
#include "harness/store/poll_until.hpp"
#include "store_environment.hpp"

namespace revbench::store {
namespace {
namespace asio = boost::asio;
using testing::run;
using namespace std::chrono_literals;

long long commandstat_calls(std::uint16_t port, const std::string& command) {
  const std::string info = testing::redis_info(port, "commandstats");
  const std::string field = "cmdstat_" + command + ":calls=";
  const auto at = info.find(field);
  return at == std::string::npos ? 0 : std::stoll(info.substr(at + field.size()));
}

RedisConfig config_for(const EmbeddedRedis& redis, std::chrono::milliseconds timeout = 1000ms) {
  RedisConfig config = parse_redis_url(redis.url());
  config.command_timeout = timeout;
  return config;
}

asio::awaitable<bool> connected(RedisClient& client) {
  co_return co_await poll_until([&] { return client.connected(); }, 5s);
}

TEST(RedisClient, ThousandConcurrentCoroutinesOnOneConnectionGetTheirOwnReplies) {
  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), config_for(testing::shared_redis()), counters);
  ASSERT_TRUE(run(io, connected(client)));
  const auto sets_before = commandstat_calls(testing::shared_redis().port(), "set");
  const auto gets_before = commandstat_calls(testing::shared_redis().port(), "get");

  constexpr int n = 1000;
  int correct = 0;
  int finished = 0;
  auto one = [&](int i) -> asio::awaitable<void> {
    const std::string key = "t:concurrent:" + std::to_string(i);
    const std::string value = "value-" + std::to_string(i * 31);
    auto set = co_await client.execute(nullptr, "SET", key, value);
    auto get = co_await client.execute(nullptr, "GET", key);
    if (set && set->str == "OK" && get && get->str == value) ++correct;
    if (++finished == n) io.stop();
  };
  for (int i = 0; i < n; ++i) asio::co_spawn(io, one(i), asio::detached);
  io.restart();
  io.run();

  EXPECT_EQ(correct, n);
  // Automatic pipelining: the thousand commands shared a handful of writes.
  EXPECT_GE(client.peak_in_flight(), static_cast<std::size_t>(n) / 2);
  EXPECT_LT(client.write_events(), static_cast<std::uint64_t>(n) / 10);
  // Our op counters agree with the server's own statistics.
  EXPECT_EQ(counters.count(Store::redis, "set"), static_cast<std::uint64_t>(n));
  EXPECT_EQ(counters.count(Store::redis, "get"), static_cast<std::uint64_t>(n));
  EXPECT_EQ(commandstat_calls(testing::shared_redis().port(), "set") - sets_before, n);
  EXPECT_EQ(commandstat_calls(testing::shared_redis().port(), "get") - gets_before, n);
}

// A wave of commands on an idle connection: the first leaves when it is
// issued, before the event loop turns (so Redis starts on it while the rest
// are issued), and the rest share one more write.
TEST(RedisClient, FirstCommandOfAWaveLeavesAtOnceTheRestTogether) {
  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), config_for(testing::shared_redis()), counters);
  ASSERT_TRUE(run(io, connected(client)));
  const auto writes_before = client.write_events();
  std::uint64_t written_when_the_second_starts = 0;
  constexpr int n = 50;
  // The n coroutines start one after another within one turn of the loop.
  const int correct = testing::run_concurrently(io, n, [&](int i) -> asio::awaitable<bool> {
    if (i == 1) written_when_the_second_starts = client.write_events() - writes_before;
    auto reply = co_await client.execute(nullptr, "PING");
    co_return reply && reply->str == "PONG";
  });
  EXPECT_EQ(correct, n);
  EXPECT_EQ(written_when_the_second_starts, 1U);
  EXPECT_EQ(client.write_events() - writes_before, 2U);
}

// With pipelining off (the benchmark's control), one command is in flight at
// a time and each leaves in a write of its own; every caller still gets its reply.
TEST(RedisClient, WithoutPipeliningOneCommandAtATime) {
  asio::io_context io;
  OpCounters counters;
  auto config = config_for(testing::shared_redis());
  config.pipelining = false;
  RedisClient client(io.get_executor(), config, counters);
  ASSERT_TRUE(run(io, connected(client)));
  const auto writes_before = client.write_events();
  constexpr int n = 200;
  const int correct = testing::run_concurrently(io, n, [&](int i) -> asio::awaitable<bool> {
    const std::string key = "t:serial:" + std::to_string(i);
    auto set = co_await client.execute(nullptr, "SET", key, key);
    auto get = co_await client.execute(nullptr, "GET", key);
    co_return set && get && get->str == key;
  });
  EXPECT_EQ(correct, n);
  EXPECT_EQ(client.peak_in_flight(), 1U);
  EXPECT_GE(client.write_events() - writes_before, static_cast<std::uint64_t>(2 * n));
}

TEST(RedisClient, RequestTallyCountsOnlyThatRequest) {
  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), config_for(testing::shared_redis()), counters);
  OpTally tally;
  const auto reply = run(io, [&]() -> asio::awaitable<StoreResult<RedisReply>> {
    co_await connected(client);
    co_await client.execute(&tally, "SET", "t:tally", "1", "EX", "10");
    co_await client.execute(nullptr, "GET", "t:tally");
    co_return co_await client.execute(&tally, "INCR", "t:tally");
  }());
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->integer, 2);
  EXPECT_EQ(tally.redis, 2U);
  EXPECT_EQ(tally.postgres, 0U);
}

TEST(RedisClient, ErrorRepliesAreServerErrors) {
  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), config_for(testing::shared_redis()), counters);
  const auto reply = run(io, [&]() -> asio::awaitable<StoreResult<RedisReply>> {
    co_await connected(client);
    co_await client.execute(nullptr, "SET", "t:string", "x");
    co_return co_await client.execute(nullptr, "LPUSH", "t:string", "y");
  }());
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().fault, Fault::server_error);
  EXPECT_NE(reply.error().message.find("WRONGTYPE"), std::string::npos);
}

TEST(RedisClient, NoServerIsUnavailableNotAHang) {
  asio::io_context io;
  OpCounters counters;
  RedisConfig config;
  config.port = free_loopback_port();
  RedisClient client(io.get_executor(), config, counters);
  const auto started = std::chrono::steady_clock::now();
  const auto reply = run(io, client.execute(nullptr, "PING"));
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().fault, Fault::unavailable);
  EXPECT_NE(reply.error().message.find(std::to_string(config.port)), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(RedisClient, StoppedServerTimesOutThenRecovers) {
  EmbeddedRedis redis;
  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), config_for(redis, 200ms), counters);
  ASSERT_TRUE(run(io, connected(client)));

  // Distinct payloads: a late reply handed to the next caller would show.
  redis.signal(SIGSTOP);
  const auto started = std::chrono::steady_clock::now();
  const auto stalled = run(io, client.execute(nullptr, "ECHO", "sent-during-the-stall"));
  const auto waited = std::chrono::steady_clock::now() - started;
  redis.signal(SIGCONT);
  ASSERT_FALSE(stalled);
  EXPECT_EQ(stalled.error().fault, Fault::timeout);
  EXPECT_GE(waited, 190ms);
  EXPECT_LT(waited, 1s);

  // Silent for a whole timeout, the connection was dropped (it may be
  // half-open): the client has made a new one.
  ASSERT_TRUE(run(io, connected(client)));
  const auto after = run(io, client.execute(nullptr, "ECHO", "sent-after-the-stall"));
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->str, "sent-after-the-stall");
}

TEST(RedisClient, ReconnectsAfterTheServerIsKilledAndRestarted) {
  EmbeddedRedis redis;
  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), config_for(redis), counters);
  ASSERT_TRUE(run(io, connected(client)));
  ASSERT_TRUE(run(io, client.execute(nullptr, "SET", "k", "before")));

  redis.kill();
  const auto during = run(io, client.execute(nullptr, "GET", "k"));
  ASSERT_FALSE(during);
  EXPECT_EQ(during.error().fault, Fault::unavailable);

  redis.start();
  const auto restarted = std::chrono::steady_clock::now();
  const bool back = run(io, [&]() -> asio::awaitable<bool> {
    asio::steady_timer timer(io);
    for (int attempt = 0; attempt < 500; ++attempt) {
      if (co_await client.execute(nullptr, "SET", "k", "after")) co_return true;
      timer.expires_after(10ms);
      co_await timer.async_wait(asio::use_awaitable);
    }
    co_return false;
  }());
  EXPECT_TRUE(back);
  EXPECT_LT(std::chrono::steady_clock::now() - restarted, 2s);  // backoff is capped at 1 s
}

}  // namespace
}  // namespace revbench::store

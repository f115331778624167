// Redis under Sentinel, for real: three Sentinels watching a primary and two
// replicas (the topology `--redis-topology sentinel` starts). The primary is
// killed; the Sentinels promote a replica and announce it, and a client that
// follows them writes again within down-after + 2 s, to the promoted
// replica, which has what was written before the kill.
#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "harness/store/embedded_stores.hpp"
#include "harness/store/poll_until.hpp"
#include "harness/store/redis_client.hpp"
#include "harness/store/sentinel_follower.hpp"
#include "harness/store/sentinel_lookup.hpp"
#include "store_environment.hpp"

namespace revbench::store {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::run;

TEST(SentinelUrl, NamesTheSentinelsAndThePrimary) {
  const auto config = parse_redis_url("redis-sentinel://127.0.0.1:26379,localhost:26380/orders");
  ASSERT_TRUE(config.follows_sentinels());
  EXPECT_EQ(config.sentinels, (std::vector<RedisEndpoint>{{"127.0.0.1", 26379}, {"localhost", 26380}}));
  EXPECT_EQ(config.primary_name, "orders");
  EXPECT_EQ(config.url(), "redis-sentinel://127.0.0.1:26379,localhost:26380/orders");
  EXPECT_FALSE(parse_redis_url("redis://127.0.0.1:6379").follows_sentinels());
}

TEST(SentinelUrl, RefusesWhatItCannotFollow) {
  for (const char* bad : {"redis-sentinel://127.0.0.1:26379", "redis-sentinel://127.0.0.1:26379/",
                          "redis-sentinel://127.0.0.1/orders", "redis-sentinel://127.0.0.1:0/orders",
                          "redis-sentinel://127.0.0.1:99999/orders", "redis-sentinel:///orders",
                          "redis-sentinel://127.0.0.1:26379/orders?password=x"})
    EXPECT_THROW(parse_redis_url(bad), std::invalid_argument) << bad;
}

TEST(SentinelAnnouncement, SwitchMasterNamesTheNewPrimary) {
  EXPECT_EQ(switched_primary("revbench 127.0.0.1 6379 127.0.0.1 6380", "revbench"), (RedisEndpoint{"127.0.0.1", 6380}));
  EXPECT_FALSE(switched_primary("other 127.0.0.1 6379 127.0.0.1 6380", "revbench"));
  EXPECT_FALSE(switched_primary("revbench 127.0.0.1 6379 127.0.0.1", "revbench"));
  EXPECT_FALSE(switched_primary("revbench 127.0.0.1 6379 127.0.0.1 port", "revbench"));
}

// SET until one is answered OK; how long that took.
asio::awaitable<std::chrono::steady_clock::duration> written_again(RedisClient& client, std::chrono::seconds limit) {
  const auto start = std::chrono::steady_clock::now();
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (std::chrono::steady_clock::now() - start < limit) {
    const auto set = co_await client.execute(nullptr, "SET", "t:sentinel:after", "written");
    if (set && set->str == "OK") co_return std::chrono::steady_clock::now() - start;
    pause.expires_after(10ms);
    co_await pause.async_wait(asio::use_awaitable);
  }
  co_return std::chrono::steady_clock::duration::max();
}

asio::awaitable<std::optional<std::string>> get(RedisClient& client, const char* key) {
  const auto got = co_await client.execute(nullptr, "GET", key);
  co_return got ? std::optional<std::string>(got->str) : std::nullopt;
}

TEST(Sentinel, AClientFollowsTheFailoverWithinDownAfterPlusTwoSeconds) {
  Stores stores(std::nullopt, testing::shared_postgres().url(), StoreTopology{RedisTopology::sentinel});
  ASSERT_EQ(stores.sentinels().size(), 3U);
  const auto config = aimed_at_primary(parse_redis_url(stores.redis_url()));
  auto* first = stores.redis_primary_now();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(config.port, first->port());

  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), config, counters);
  SentinelFollower follower(config, [&client](const RedisEndpoint& primary) { client.retarget(primary); });
  ASSERT_TRUE(follower.wait_until_known(5s));
  ASSERT_TRUE(run(io, poll_until([&] { return client.connected(); }, 5s)));
  const auto before = run(io, [&]() -> asio::awaitable<bool> {
    const auto set = co_await client.execute(nullptr, "SET", "t:sentinel:before", "kept");
    const auto wait = co_await client.execute(nullptr, "WAIT", "2", "500");  // both replicas have it
    if (!set || !wait) ADD_FAILURE() << (!set ? set.error().message : wait.error().message);
    co_return set && set->str == "OK" && wait && wait->integer == 2;
  }());
  ASSERT_TRUE(before);

  first->kill();
  const auto took = run(io, written_again(client, 10s));
  const auto down_after = stores.sentinels().front()->watch().down_after;
  EXPECT_LE(took, down_after + 2s) << "written again after "
                                   << std::chrono::duration<double>(took).count() << " s";
  auto* promoted = stores.redis_primary_now();
  ASSERT_NE(promoted, nullptr);
  EXPECT_NE(promoted, first);
  EXPECT_EQ(follower.primary(), (RedisEndpoint{"127.0.0.1", promoted->port()}));
  EXPECT_EQ(follower.switches(), 1U);
  EXPECT_EQ(run(io, get(client, "t:sentinel:before")), "kept");
  std::cout << "failover: written again " << std::chrono::duration<double>(took).count()
            << " s after the kill (down-after " << down_after.count() << " ms)\n";

  // The old primary, back with its data: the Sentinels make it a replica of
  // the promoted one, and the client stays where it is.
  first->start();
  EXPECT_TRUE(run(io, poll_until([&] { return testing::redis_info(first->port(), "replication").find("role:slave") != std::string::npos; }, 15s)));
  EXPECT_EQ(stores.redis_primary_now(), promoted);
  EXPECT_EQ(run(io, get(client, "t:sentinel:after")), "written");
}

}  // namespace
}  // namespace revbench::store

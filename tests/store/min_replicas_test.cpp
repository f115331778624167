// `--min-replicas-to-write`, for real: a replicated Redis whose replica
// stops acknowledging its stream refuses writes (NOREPLICAS) within
// min-replicas-max-lag (1 s) plus the replica's 1 s acknowledgement period,
// and takes them again once the replica is back: what keeps a primary cut
// off from its replicas from acknowledging revocations a failover would lose.
#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>

#include "harness/store/embedded_stores.hpp"
#include "harness/store/poll_until.hpp"
#include "harness/store/redis_client.hpp"
#include "store_environment.hpp"

namespace revbench::store {
namespace {
namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::run;

// SET until one is answered as `wanted` says; the last answer (an OK, or the error's text).
asio::awaitable<std::string> set_until(RedisClient& client, bool wanted_ok, std::chrono::seconds limit) {
  const auto start = std::chrono::steady_clock::now();
  asio::steady_timer pause(co_await asio::this_coro::executor);
  std::string last;
  while (std::chrono::steady_clock::now() - start < limit) {
    const auto set = co_await client.execute(nullptr, "SET", "t:min-replicas", "written");
    last = set ? set->str : set.error().message;
    if ((set && set->str == "OK") == wanted_ok) co_return last;
    pause.expires_after(50ms);
    co_await pause.async_wait(asio::use_awaitable);
  }
  co_return last;
}

TEST(MinReplicasToWrite, APrimaryWhoseReplicaFallsSilentRefusesWritesUntilItIsBack) {
  Stores stores(std::nullopt, testing::shared_postgres().url(), StoreTopology{RedisTopology::replicated});
  auto* replica = stores.redis_replica();
  ASSERT_NE(replica, nullptr);
  stores.require_replicas_for_writes(1);
  EXPECT_EQ(stores.replicas_for_writes(), 1);

  asio::io_context io;
  OpCounters counters;
  RedisClient client(io.get_executor(), parse_redis_url(stores.redis_url()), counters);
  ASSERT_TRUE(run(io, poll_until([replica] { return replica->replicating(); }, 15s)));  // past its full sync
  EXPECT_EQ(run(io, set_until(client, true, 5s)), "OK");

  replica->signal(SIGSTOP);  // connected, silent: it acknowledges nothing
  const auto refused = run(io, set_until(client, false, 5s));
  replica->signal(SIGCONT);
  EXPECT_TRUE(refused.starts_with("NOREPLICAS")) << refused;
  EXPECT_EQ(run(io, set_until(client, true, 5s)), "OK");
}

}  // namespace
}  // namespace revbench::store

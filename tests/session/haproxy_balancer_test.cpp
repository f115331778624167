// HAProxy, for real, in front of three revbench servers: it names the
// instance that served each answer, round robin spreads one connection's
// requests over all three, and sticky keeps a connection (whose cookie jar
// sends the balancer's cookie back, as a browser does) on the instance that
// first answered it, while new clients are spread at random.
#include "harness/session/haproxy_balancer.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "../server/test_server.hpp"
#include "../store/store_environment.hpp"

namespace revbench::session {
namespace {
namespace asio = boost::asio;

struct Fleet {
  std::vector<std::unique_ptr<testing::TestServer>> servers;
  std::vector<load::HttpTarget> targets;
  Fleet() {
    for (int i = 0; i < 3; ++i) {
      servers.push_back(std::make_unique<testing::TestServer>("short-ttl"));
      targets.push_back({"127.0.0.1", servers.back()->port()});
    }
  }
};

// The instance that served each of `count` requests on one connection.
std::vector<int> served(asio::io_context& io, load::HttpConnection& connection, int count) {
  return store::testing::run(io, [&]() -> asio::awaitable<std::vector<int>> {
    std::vector<int> instances;
    const load::LoadRequest health{"GET", "/healthz", {}, {}};  // named: GCC 12 frees a temporary in co_await twice
    for (int i = 0; i < count; ++i) {
      const auto response = co_await connection.send(health);
      EXPECT_EQ(response.status, 200) << response.error;
      instances.push_back(response.served_by);
    }
    co_return instances;
  }());
}

TEST(HaproxyBalancer, RoundRobinSpreadsOneConnectionOverEveryInstanceAndNamesThem) {
  Fleet fleet;
  HaproxyBalancer balancer(fleet.targets, network::Balancing::roundrobin);
  asio::io_context io;
  load::HttpConnection connection(io.get_executor(), balancer.target());
  const auto instances = served(io, connection, 6);
  EXPECT_EQ(std::set<int>(instances.begin(), instances.end()), (std::set<int>{1, 2, 3}));
}

TEST(HaproxyBalancer, StickyKeepsAConnectionOnItsFirstInstanceAndSpreadsNewOnes) {
  Fleet fleet;
  HaproxyBalancer balancer(fleet.targets, network::Balancing::sticky);
  asio::io_context io;
  std::set<int> first_instances;
  for (int client = 0; client < 12; ++client) {
    load::HttpConnection connection(io.get_executor(), balancer.target());
    const auto instances = served(io, connection, 4);
    ASSERT_GT(instances.front(), 0);
    for (int instance : instances) EXPECT_EQ(instance, instances.front()) << "client " << client;
    first_instances.insert(instances.front());
  }
  // A new client's instance is random: all twelve on one instance one time in 177,000.
  EXPECT_GE(first_instances.size(), 2U);
}

TEST(HaproxyBalancer, LeastConnectionsServesEveryAnswerFromANamedInstance) {
  Fleet fleet;
  HaproxyBalancer balancer(fleet.targets, network::Balancing::leastconn);
  asio::io_context io;
  load::HttpConnection connection(io.get_executor(), balancer.target());
  for (int instance : served(io, connection, 4)) EXPECT_TRUE(instance >= 1 && instance <= 3) << instance;
  EXPECT_NE(haproxy_config(fleet.targets, network::Balancing::leastconn, 1).find("balance leastconn"), std::string::npos);
}

TEST(HaproxyBalancer, WithoutABalancingThereIsNoBalancer) {
  EXPECT_THROW(HaproxyBalancer({}, network::Balancing::none), std::invalid_argument);
}

}  // namespace
}  // namespace revbench::session

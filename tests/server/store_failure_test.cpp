// What a strategy does when its store is gone: redis-denylist fails closed
// (503, counted) unless told to fail open (accepted, counted).
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include "harness/store/embedded_redis.hpp"
#include "test_server.hpp"

namespace revbench::testing {
namespace {

server::ServerConfig on(const store::EmbeddedRedis& redis) {
  server::ServerConfig config;
  config.redis_url = redis.url();
  config.store_timeout = std::chrono::milliseconds(300);
  return config;
}

TEST(StoreFailure, DenylistFailsClosedWhenRedisIsDown) {
  store::EmbeddedRedis redis;
  TestServer server("redis-denylist", {}, on(redis));
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  EXPECT_EQ(server.resource(token), "200");
  redis.kill();
  const Reply refused = server.client().get("/api/resource", token);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.field("reason"), "store_unavailable");
  // Nothing of the store reaches the caller: not its address, not its words.
  const Reply health = server.client().get("/healthz");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(health.field("reason"), "redis_unavailable");
  for (const auto& body : {refused.body, health.body}) {
    EXPECT_EQ(body.find(std::to_string(redis.port())), std::string::npos) << body;
    EXPECT_EQ(body.find("127.0.0.1"), std::string::npos) << body;
    EXPECT_EQ(body.find("detail"), std::string::npos) << body;
  }
  const std::string metrics = server.client().get("/metrics").body;
  EXPECT_NE(metrics.find("revbench_http_requests_total{endpoint=\"resource\",outcome=\"unavailable\",strategy=\"redis-denylist\"} 1"),
            std::string::npos);
  // The outage is an event a dashboard can annotate: one failed GET, one failed PING.
  EXPECT_NE(metrics.find("revbench_store_unreachable_total{store=\"redis\",strategy=\"redis-denylist\"} 2"),
            std::string::npos) << metrics;
  EXPECT_NE(metrics.find("revbench_store_reachable{store=\"redis\",strategy=\"redis-denylist\"} 0"),
            std::string::npos);
  EXPECT_NE(metrics.find("revbench_store_reachable{store=\"postgres\",strategy=\"redis-denylist\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("revbench_rejections_total{outcome=\"store_unavailable\",strategy=\"redis-denylist\"} 1"),
            std::string::npos);
}

// A not-before time that is not a number once let every token of the user
// through (parsed as 0): the lookup fails closed instead.
TEST(StoreFailure, DenylistRefusesWhatItCannotRead) {
  store::EmbeddedRedis redis;
  TestServer server("redis-denylist", {}, on(redis));
  const std::string user = TestServer::fresh_user();
  const std::string token = server.login(user).field("access_token");
  EXPECT_EQ(server.resource(token), "200");
  redisContext* context = redisConnect("127.0.0.1", redis.port());
  ASSERT_TRUE(context != nullptr && context->err == 0);
  freeReplyObject(redisCommand(context, "SET nbf:%s %s", user.c_str(), "not-a-time"));
  redisFree(context);
  const Reply refused = server.client().get("/api/resource", token);
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.field("reason"), "store_unavailable");
}

TEST(StoreFailure, DenylistFailOpenAcceptsAndCounts) {
  store::EmbeddedRedis redis;
  strategies::StrategyOptions options;
  options.fail_open = true;
  TestServer server("redis-denylist", options, on(redis));
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(server.client().post("/auth/logout", {}, token).status, 204);
  EXPECT_EQ(server.resource(token), "revoked");
  EXPECT_NE(server.client().get("/metrics").body.find("revbench_rejections_total{outcome=\"revoked\",strategy=\"redis-denylist\"} 1"),
            std::string::npos);
  redis.kill();
  // The revoked token gets through: this is what fail-open costs.
  EXPECT_EQ(server.resource(token), "200");
  EXPECT_NE(server.client().get("/metrics").body.find("revbench_fail_open_accepts_total{strategy=\"redis-denylist\"} 1"),
            std::string::npos);
}

TEST(StoreFailure, AllowlistFailsClosedWhenRedisIsDown) {
  store::EmbeddedRedis redis;
  TestServer server("allowlist", {}, on(redis));
  const std::string user = TestServer::fresh_user();
  const std::string token = server.login(user).field("access_token");
  EXPECT_EQ(server.resource(token), "200");
  redis.kill();
  // Nothing can show the session is listed: the token and new logins are refused.
  const Reply refused = server.client().get("/api/resource", token);
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.field("reason"), "store_unavailable");
  EXPECT_EQ(server.login(user).status, 503);
}

TEST(StoreFailure, ClientsComeBackWhenTheStoreDoes) {
  store::EmbeddedRedis redis;
  TestServer server("redis-denylist", {}, on(redis));
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  redis.kill();
  EXPECT_EQ(server.client().get("/api/resource", token).status, 503);
  redis.start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  std::string result;
  while ((result = server.resource(token)) != "200" && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(result, "200");
  EXPECT_NE(server.client().get("/metrics").body.find("revbench_store_reachable{store=\"redis\",strategy=\"redis-denylist\"} 1"),
            std::string::npos);
}

}  // namespace
}  // namespace revbench::testing

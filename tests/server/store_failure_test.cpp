// What a strategy does when its store is gone: redis-denylist fails closed
// (503, counted) unless told to fail open (accepted, counted).
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include "harness/contract/seeded_users.hpp"
#include "harness/store/embedded_redis.hpp"
#include "../store/store_environment.hpp"
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
  EXPECT_NE(metrics.find("revbench_rejections_total{reason=\"store_unavailable\",strategy=\"redis-denylist\"} 1"),
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
  EXPECT_NE(server.client().get("/metrics").body.find("revbench_rejections_total{reason=\"revoked\",strategy=\"redis-denylist\"} 1"),
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

// What `token` gets once it stops getting 503 and 200, within `wait`.
std::string settles_to(TestServer& server, const std::string& token, const std::string& expected,
                       std::chrono::milliseconds wait = std::chrono::milliseconds(3000)) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string result;
  while ((result = server.resource(token)) != expected && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return result;
}

long long owed_in_postgres() {
  return store::testing::pg_scalar(store::testing::shared_postgres().url(), "SELECT count(*) FROM pending_revocations");
}

// Until the owed rows are down to `owed`: the owing instance refuses what it
// owes before it lands, so a refusal alone does not say it has.
long long landed_down_to(long long owed, std::chrono::milliseconds wait = std::chrono::milliseconds(3000)) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  long long now_owed = 0;
  while ((now_owed = owed_in_postgres()) > owed && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return now_owed;
}

// A password change, a ban and a reset committed in PostgreSQL and then
// failed at Redis: the caller got 503, the old sessions stayed valid once
// Redis was back, and the reset token was spent (issue 22, defect 3). Now the
// change answers 202 revocation_pending, and the revocation lands once Redis
// answers again, with no request needed.
TEST(StoreFailure, RevocationsOwedWhileRedisIsDownLandWhenItReturns) {
  store::EmbeddedRedis redis;
  server::ServerConfig config = on(redis);
  config.reset_delivery = server::ResetDelivery::response;
  TestServer server("redis-denylist", {}, config);
  auto& http = server.client();
  const std::string changer = TestServer::fresh_user(), banned = TestServer::fresh_user(),
                    resetter = TestServer::fresh_user();
  const std::string changing_device = server.login(changer).field("access_token");
  const std::string other_device = server.login(changer).field("access_token");
  const std::string banned_token = server.login(banned).field("access_token");
  const std::string reset_victim = server.login(resetter).field("access_token");
  const std::string reset_token = http.post("/auth/reset-request", {{"user", resetter}}).field("reset_token");
  const long long owed_before = owed_in_postgres();

  redis.kill();
  const std::string password = contract::seeded_password(changer);
  const Reply changed = http.post("/auth/password", {{"old", password}, {"new", password + "-2"}}, changing_device);
  // (redis-denylist checks the caller's token in Redis: with Redis down it cannot say who asks)
  EXPECT_EQ(changed.status, 503) << changed.body;
  const Reply ban = http.post("/admin/ban", {{"user", banned}}, admin_token);
  EXPECT_EQ(ban.status, 202) << ban.body;
  EXPECT_EQ(ban.field("status"), "revocation_pending");
  const Reply reset = http.post("/auth/reset", {{"reset_token", reset_token}, {"new_password", "fresh"}});
  EXPECT_EQ(reset.status, 202) << reset.body;
  EXPECT_EQ(owed_in_postgres(), owed_before + 2);
  EXPECT_NE(http.get("/metrics").body.find("revbench_revocations_owed{strategy=\"redis-denylist\"} 2"), std::string::npos);

  redis.start();
  EXPECT_EQ(landed_down_to(owed_before), owed_before);
  EXPECT_EQ(settles_to(server, banned_token, "revoked"), "revoked");
  EXPECT_EQ(settles_to(server, reset_victim, "revoked"), "revoked");
  EXPECT_EQ(server.resource(other_device), "200") << "the failed password change revoked nothing";
  EXPECT_NE(http.get("/metrics").body.find("revbench_revocations_owed{strategy=\"redis-denylist\"} 0"), std::string::npos);
}

// Between the store's return and the next try, the deny-list answers without
// the owed entry: the instance that owes it refuses the tokens it covers
// itself, from the 202 on. (The old code let the banned token through for up
// to a second after Redis came back.)
TEST(StoreFailure, AnInstanceRefusesWhatItOwesUntilItLands) {
  store::EmbeddedRedis redis;
  TestServer server("redis-denylist", {}, on(redis));
  const std::string banned = TestServer::fresh_user(), bystander = TestServer::fresh_user();
  const std::string banned_token = server.login(banned).field("access_token");
  const std::string bystander_token = server.login(bystander).field("access_token");
  const long long owed_before = owed_in_postgres();

  redis.kill();
  const Reply ban = server.client().post("/admin/ban", {{"user", banned}}, admin_token);
  ASSERT_EQ(ban.status, 202) << ban.body;
  // The retries' pause grows meanwhile: the next one is a while off when Redis returns.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  redis.start();
  std::string first_answer = "503";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (first_answer == "503" && std::chrono::steady_clock::now() < deadline) {
    first_answer = server.resource(banned_token);
    if (first_answer == "store_unavailable") first_answer = "503";
  }
  EXPECT_EQ(first_answer, "revoked") << "the first answer once Redis was back";
  EXPECT_EQ(settles_to(server, bystander_token, "200"), "200") << "the owed ban covers its user only";
  EXPECT_EQ(landed_down_to(owed_before), owed_before);
  EXPECT_EQ(server.resource(banned_token), "revoked") << "landed in Redis";
}

// local-denylist with --fail-open keeps checking tokens in its memory while
// Redis is down, so a password change and a logout-all reach the revocation:
// owed, and landed when Redis returns, for this instance and (through the
// feed) every other.
TEST(StoreFailure, InMemoryRevocationsOwedWhileRedisIsDownLandWhenItReturns) {
  store::EmbeddedRedis redis;
  strategies::StrategyOptions options;
  options.fail_open = true;
  TestServer server("local-denylist", options, on(redis));
  auto& http = server.client();
  const std::string changer = TestServer::fresh_user(), leaver = TestServer::fresh_user();
  const std::string changing_device = server.login(changer).field("access_token");
  const std::string other_device = server.login(changer).field("access_token");
  const std::string leaving_device = server.login(leaver).field("access_token");
  const std::string left_device = server.login(leaver).field("access_token");
  const long long owed_before = owed_in_postgres();

  redis.kill();
  const std::string password = contract::seeded_password(changer);
  const Reply changed = http.post("/auth/password", {{"old", password}, {"new", password + "-2"}}, changing_device);
  EXPECT_EQ(changed.status, 202) << changed.body;
  const Reply left = http.post("/auth/logout-all", {}, leaving_device);
  EXPECT_EQ(left.status, 202) << left.body;

  redis.start();
  EXPECT_EQ(landed_down_to(owed_before), owed_before);
  EXPECT_EQ(settles_to(server, other_device, "revoked"), "revoked");
  EXPECT_EQ(settles_to(server, left_device, "revoked"), "revoked");
  EXPECT_EQ(server.resource(changing_device), "revoked") << "its promise: the caller's session ends too";
  EXPECT_EQ(server.login(changer).status, 401) << "the old password still logs in";
}

// Without --fail-open, an in-memory strategy cut off from Redis trusts its
// memory no longer: tokens are refused (503) until the feed is back.
TEST(StoreFailure, InMemoryStrategiesFailClosedOnceTheirFeedGoesQuiet) {
  for (const std::string name : {"local-denylist", "not-before", "per-user-secret"}) {
    store::EmbeddedRedis redis;
    TestServer server(name, {}, on(redis));
    const std::string token = server.login(TestServer::fresh_user()).field("access_token");
    EXPECT_EQ(server.resource(token), "200") << name;
    redis.kill();
    EXPECT_EQ(settles_to(server, token, "store_unavailable"), "store_unavailable") << name;
    redis.start();
    EXPECT_EQ(settles_to(server, token, "200"), "200") << name << ": the feed did not come back";
  }
}

// An instance that died between an account change's commit and its
// revocation leaves the row behind; the next instance to start lands it.
TEST(StoreFailure, ARevocationLeftBehindIsLandedByTheNextInstanceToStart) {
  TestServer first("redis-denylist");
  const std::string user = TestServer::fresh_user();
  const std::string token = first.login(user).field("access_token");
  const std::string pg = store::testing::shared_postgres().url();
  store::testing::pg_scalar(pg, "WITH owed AS (INSERT INTO pending_revocations (user_name, created_at) VALUES ('" + user +
                                    "', now() - interval '1 minute') RETURNING id) SELECT count(*) FROM owed");
  EXPECT_EQ(first.resource(token), "200");
  TestServer next("redis-denylist");
  EXPECT_EQ(settles_to(first, token, "revoked"), "revoked");
  // The row goes once the revocation has landed: a moment after the token is refused.
  const auto owed = [&] {
    return store::testing::pg_scalar(pg, "SELECT count(*) FROM pending_revocations WHERE user_name = '" + user + "'");
  };
  for (const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(3);
       owed() != 0 && std::chrono::steady_clock::now() < give_up;)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(owed(), 0);
}

}  // namespace
}  // namespace revbench::testing

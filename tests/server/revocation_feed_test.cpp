// The in-memory strategies (local-denylist, not-before, per-user-secret's key cache) on more than one
// instance: what one instance revokes the others learn over pub/sub, what a
// dropped subscription missed is read back on reconnect, and not-before's
// answer to same-second issue and clock skew.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

#include "../store/store_environment.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/redis_client.hpp"
#include "black_hole_relay.hpp"
#include "test_server.hpp"

namespace revbench::testing {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Two instances of a fleet: the same keys (a shared seed), the same stores.
strategies::StrategyOptions fleet_options() {
  strategies::StrategyOptions o;
  o.signing_seed = "revocation-feed-test";
  return o;
}

// A blocking Redis command from the test's side.
long long redis_integer(const std::string& command) {
  const auto& redis = store::testing::shared_redis();
  std::unique_ptr<redisContext, decltype(&redisFree)> context(redisConnect("127.0.0.1", redis.port()), redisFree);
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(
      static_cast<redisReply*>(redisCommand(context.get(), command.c_str())), freeReplyObject);
  return reply && reply->type == REDIS_REPLY_INTEGER ? reply->integer : -1;
}

// Polls `server` until it refuses `token`; the time it took, or nullopt at `give_up`.
std::optional<Clock::duration> until_refused(TestServer& server, const std::string& token,
                                             Clock::duration give_up = 5s) {
  const auto started = Clock::now();
  while (Clock::now() - started < give_up) {
    if (server.resource(token) != "200") return Clock::now() - started;
    std::this_thread::sleep_for(100us);
  }
  return std::nullopt;
}

class Fleet : public ::testing::TestWithParam<std::string> {};

TEST_P(Fleet, ALogoutOnOneInstanceIsHonouredByTheOtherWithinTheBound) {
  TestServer a(GetParam(), fleet_options());
  TestServer b(GetParam(), fleet_options());
  for (int trial = 0; trial < 5; ++trial) {
    const std::string token = a.login(TestServer::fresh_user()).field("access_token");
    ASSERT_EQ(b.resource(token), "200") << "the instances do not share keys";
    ASSERT_EQ(a.client().post("/auth/logout", {}, token).status, 204);
    EXPECT_EQ(a.resource(token), "revoked") << "the revoking instance applies it before answering";
    const auto lag = until_refused(b, token);
    ASSERT_TRUE(lag) << "the other instance never learned of the logout";
    EXPECT_LT(*lag, 1s) << "beyond the promised propagation bound";
    EXPECT_EQ(b.resource(token), "revoked");
  }
}

// Pub/sub keeps nothing for an absent subscriber: a revocation recorded in
// Redis but never delivered (here: written without the PUBLISH) is invisible
// until the subscription is re-established, then read back.
TEST_P(Fleet, AReconnectingFollowerReadsBackWhatItMissed) {
  TestServer server(GetParam(), fleet_options());
  const std::string user = TestServer::fresh_user();
  const std::string token = server.login(user).field("access_token");
  ASSERT_EQ(server.resource(token), "200");
  const std::string key = GetParam() == "local-denylist" ? "ldeny:users"
                          : GetParam() == "not-before"   ? "notbefore:users"
                                                         : "usecret:users";
  if (GetParam() == "per-user-secret") {
    ASSERT_EQ(redis_integer("HSET usecret " + user + " rotated-unannounced"), 0);
  }
  const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  ASSERT_EQ(redis_integer("ZADD " + key + " " + std::to_string(now_us + 1000) + " " + user), 1);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(server.resource(token), "200") << "missed: it was never published";
  ASSERT_GE(redis_integer("CLIENT KILL TYPE pubsub"), 1);
  const auto recovered = until_refused(server, token);
  ASSERT_TRUE(recovered) << "the reconnected follower did not read back the missed revocation";
  EXPECT_LT(*recovered, 2s);
  EXPECT_EQ(server.resource(token), "revoked");
}

// A subscription that dies without a word (a partition: no FIN, no RST)
// left its instance "current" for ever, trusting a memory that missed every
// revocation since (issue 22, defect 4). Now, a second after it last heard
// from Redis, the instance stops trusting its memory and asks Redis for each
// token: here through the same dead link, so it fails closed (503). Once the
// link heals it subscribes again, catches up, and refuses the revoked token.
TEST_P(Fleet, AnInstanceCutOffWithoutAWordStopsTrustingItsMemory) {
  TestServer a(GetParam(), fleet_options());
  BlackHoleRelay link(store::testing::shared_redis().port());
  server::ServerConfig config = mailbox_config();
  config.redis_url = "redis://127.0.0.1:" + std::to_string(link.port());
  config.store_timeout = 300ms;
  TestServer b(GetParam(), fleet_options(), config);
  const std::string token = a.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(b.resource(token), "200") << "the instances do not share keys";
  link.swallow();
  ASSERT_EQ(a.client().post("/auth/logout-all", {}, token).status, 204);
  const auto refused = until_refused(b, token, 4s);
  ASSERT_TRUE(refused) << "the cut-off instance kept trusting its memory";
  EXPECT_LT(*refused, 2500ms) << "the staleness bound is a second, the store timeout 300 ms";
  link.heal();
  const auto deadline = Clock::now() + 8s;
  std::string answer;
  while ((answer = b.resource(token)) != "revoked" && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(answer, "revoked") << "the healed instance did not catch up";
}

INSTANTIATE_TEST_SUITE_P(InMemory, Fleet, ::testing::Values("local-denylist", "not-before", "per-user-secret"),
                         strategy_test_name);

// not-before judged with chosen clocks: one strategy object stands for the
// instances, each call carrying its instance's idea of now.
class NotBeforeClocks : public ::testing::Test {
 protected:
  NotBeforeClocks()
      : redis(io.get_executor(), store::parse_redis_url(store::testing::shared_redis().url()), counters),
        pg(io.get_executor(), pg_config(), counters) {}

  // The instances' clocks may disagree by up to `skew`.
  void start(std::chrono::milliseconds skew, const std::string& name = "not-before") {
    strategies::StrategyOptions o;
    o.clock_skew = skew;
    strategy = strategies::make_strategy(name, o);
    ASSERT_TRUE(strategy->follow(store::testing::shared_redis().url(), 5s));
  }
  static store::PgConfig pg_config() {
    store::PgConfig config;
    config.conninfo = store::testing::shared_postgres().url();
    return config;
  }

  strategies::Context at(double now) { return strategies::Context{redis, pg, tally, now}; }

  std::string mint(const std::string& user, double now) {
    auto ctx = at(now);
    auto pair = store::testing::run(io, strategy->issue(ctx, {user, 0}, "sid"));
    EXPECT_TRUE(pair);
    return pair.value->access_token;
  }
  bool accepted(const std::string& token, double now) { return static_cast<bool>(verified(token, now)); }
  strategies::Outcome<strategies::Principal> verified(const std::string& token, double now) {
    auto ctx = at(now);
    return store::testing::run(io, strategy->verify(ctx, token));
  }
  void end_sessions(const std::string& user, double now) {
    auto ctx = at(now);
    ASSERT_TRUE(store::testing::run(io, strategy->end_sessions(ctx, user, std::nullopt)));
  }

  boost::asio::io_context io;
  store::OpCounters counters;
  store::OpTally tally;
  store::RedisClient redis;
  store::PgClient pg;
  std::unique_ptr<strategies::Strategy> strategy;
};

double wall_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A fleet's clocks disagree: a token minted by an instance ahead of this one
// carries an iat (whole seconds) past this one's now. Within --clock-skew it is
// valid on every strategy; beyond it, "not yet valid"; and exp is never stretched.
TEST_F(NotBeforeClocks, ATokenFromAnInstanceAheadWithinTheSkewIsValid) {
  for (const std::string name : {"short-ttl", "redis-denylist", "local-denylist", "not-before"}) {
    start(250ms, name);
    const double second = std::floor(wall_now());
    const std::string token = mint(TestServer::fresh_user(), second + 0.05);  // iat = second
    EXPECT_TRUE(accepted(token, second - 0.2)) << name << ": 200 ms behind, within the skew";
    EXPECT_EQ(verified(token, second - 0.4).refusal.reason, contract::Reason::not_yet_valid) << name;
    const double past_every_default_ttl = 3600;
    EXPECT_EQ(verified(token, second + past_every_default_ttl).refusal.reason, contract::Reason::expired) << name << ": exp was stretched";
    start(0ms, name);
    EXPECT_FALSE(accepted(mint(TestServer::fresh_user(), second + 0.05), second - 0.2)) << name << " without a skew";
  }
}

TEST_F(NotBeforeClocks, ATokenIssuedInTheSameSecondJustBeforeTheRevocationDies) {
  start(0ms);  // one clock: the sub-second iat alone must tell them apart
  const std::string user = TestServer::fresh_user();
  const double now = std::floor(wall_now()) + 0.5;
  const std::string token = mint(user, now - 0.000010);  // 10 µs earlier, same second
  ASSERT_TRUE(accepted(token, now));
  end_sessions(user, now);
  EXPECT_FALSE(accepted(token, now + 0.001));
  const std::string after = mint(user, now + 0.000010);  // 10 µs later, same second
  EXPECT_TRUE(accepted(after, now + 0.001));
}

TEST_F(NotBeforeClocks, ATokenFromAnInstanceWhoseClockRunsAheadStillDies) {
  start(250ms);
  const std::string user = TestServer::fresh_user();
  const double now = wall_now();
  const std::string token = mint(user, now + 0.200);  // minted just before the revocation, on a clock 200 ms fast
  end_sessions(user, now);
  EXPECT_FALSE(accepted(token, now + 0.001));
}

TEST_F(NotBeforeClocks, ALoginRightAfterTheRevocationSurvivesItEvenOnASlowClock) {
  start(250ms);
  const std::string user = TestServer::fresh_user();
  const double now = wall_now();
  end_sessions(user, now);
  const std::string token = mint(user, now - 0.200);  // after the revocation, on a clock 200 ms slow
  EXPECT_TRUE(accepted(token, now + 0.001));
  EXPECT_TRUE(accepted(token, now + 0.400));
}

// hybrid-freshness: a check that read the store just before a logout-all
// landed renews the token; the renewal must still die with the session.
TEST_F(NotBeforeClocks, AHybridRenewalRacingALogoutAllStillDies) {
  start(0ms, "hybrid-freshness-1s");
  const std::string user = TestServer::fresh_user();
  const double login = wall_now();
  const std::string token = mint(user, login);
  const auto checked = verified(token, login + 1.5);  // older than N: checked, passed, renewed
  ASSERT_TRUE(checked);
  const std::string renewed = checked.value->renewed_token;
  ASSERT_FALSE(renewed.empty());
  end_sessions(user, login + 1.4);  // the revocation's own time precedes the renewal's
  EXPECT_FALSE(accepted(renewed, login + 2.6)) << "a renewal outlived the logout-all of its session";
}

}  // namespace
}  // namespace revbench::testing

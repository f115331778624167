// Signing-key rotation across a fleet: a rotation on one instance reaches
// every other (issue 22, defect 6: keys lived in each process, so a fleet
// rotated only the instance that got the request), one whose announcement
// was lost is read back, and secret-rotation, whose rotations revoke, stops
// trusting its keys while it cannot hear the ring.
#include <gtest/gtest.h>
#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <thread>

#include "../store/store_environment.hpp"
#include "black_hole_relay.hpp"
#include "strategies/common/signing_keys.hpp"
#include "test_server.hpp"

namespace revbench::testing {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A fleet of its own: a seed no other test shares, so no other test's rotations reach it.
strategies::StrategyOptions fleet_options(const std::string& seed) {
  strategies::StrategyOptions o;
  o.signing_seed = "key-ring-test " + seed + " " + TestServer::fresh_user();
  return o;
}

void redis_command(const std::string& command) {
  const auto& redis = store::testing::shared_redis();
  std::unique_ptr<redisContext, decltype(&redisFree)> context(redisConnect("127.0.0.1", redis.port()), redisFree);
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(
      static_cast<redisReply*>(redisCommand(context.get(), command.c_str())), freeReplyObject);
  ASSERT_TRUE(reply && reply->type != REDIS_REPLY_ERROR) << command;
}

// Polls until `server` answers `expected` for `token`; how long it took, or nullopt at `give_up`.
std::optional<Clock::duration> until_answer(TestServer& server, const std::string& token, const std::string& expected,
                                            Clock::duration give_up = 5s) {
  const auto started = Clock::now();
  while (Clock::now() - started < give_up) {
    if (server.resource(token) == expected) return Clock::now() - started;
    std::this_thread::sleep_for(100us);
  }
  return std::nullopt;
}

// A graceful rotation (every strategy but secret-rotation) revokes nothing,
// but the tokens minted after it carry the new kid: every instance must know
// it. (The old code: unknown_kid on every instance but the one rotated.)
TEST(SharedKeyRing, ARotationOnOneInstanceReachesEveryOther) {
  const auto options = fleet_options("graceful");
  TestServer a("redis-denylist", options), b("redis-denylist", options), c("redis-denylist", options);
  const std::string before = a.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(a.client().post("/admin/rotate-secret", {}, admin_token).status, 204);
  const std::string after = a.login(TestServer::fresh_user()).field("access_token");
  ASSERT_NE(before.substr(0, before.find('.')), after.substr(0, after.find('.'))) << "no new kid";
  for (TestServer* other : {&b, &c}) {
    const auto known = until_answer(*other, after, "200", 2s);
    ASSERT_TRUE(known) << "another instance never learned the new key";
    EXPECT_LT(*known, 1s);
    EXPECT_EQ(other->resource(before), "200") << "the old key verifies for its overlap";
  }
  // And what the others mint now is under the new key too.
  const std::string from_b = b.login(TestServer::fresh_user()).field("access_token");
  EXPECT_EQ(from_b.substr(0, from_b.find('.')), after.substr(0, after.find('.')));
}

// secret-rotation revokes by rotating: a logout on one instance ends every
// session on every instance, within the ring's propagation (one pub/sub hop).
TEST(SharedKeyRing, ASecretRotationLogoutEndsSessionsOnEveryInstance) {
  const auto options = fleet_options("revoking");
  TestServer a("secret-rotation", options), b("secret-rotation", options), c("secret-rotation", options);
  for (int trial = 0; trial < 5; ++trial) {
    const std::string held = a.login(TestServer::fresh_user()).field("access_token");
    const std::string leaving = b.login(TestServer::fresh_user()).field("access_token");
    ASSERT_EQ(c.resource(held), "200") << "the instances do not share keys";
    ASSERT_EQ(b.client().post("/auth/logout", {}, leaving).status, 204);
    EXPECT_EQ(b.resource(held), "unknown_kid") << "the rotating instance applies it before answering";
    for (TestServer* other : {&a, &c}) {
      const auto lag = until_answer(*other, held, "unknown_kid", 2s);
      ASSERT_TRUE(lag) << "another instance kept the old key";
      EXPECT_LT(*lag, 1s) << "beyond the propagation bound";
    }
  }
}

// A rotation recorded in Redis whose announcement never came (here: written
// without the PUBLISH) is read back within about a second.
TEST(SharedKeyRing, ARotationWhoseAnnouncementWasLostIsReadBack) {
  const auto options = fleet_options("lost");
  TestServer server("secret-rotation", options);
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(server.resource(token), "200");
  const strategies::SigningKeys keys(jwt::Algorithm::HS256, 0s, options.signing_seed);
  const auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  redis_command("ZADD revbench:keys:" + keys.ring_name() + ":rotations " + std::to_string(now_us) + " 7");
  const auto read_back = until_answer(server, token, "unknown_kid", 4s);
  ASSERT_TRUE(read_back) << "the unannounced rotation was never applied";
  EXPECT_LT(*read_back, 2500ms) << "the ring is read back every second";
  const std::string fresh = server.login(TestServer::fresh_user()).field("access_token");
  EXPECT_EQ(server.resource(fresh), "200") << "a login after it signs with generation 7";
}

// A secret-rotation instance cut off from the ring without a word cannot
// know whether it missed a rotation: it refuses tokens (503) a second after
// it last heard from Redis, and once healed it has caught up.
TEST(SharedKeyRing, ASecretRotationInstanceCutOffFromTheRingFailsClosed) {
  const auto options = fleet_options("cut-off");
  TestServer a("secret-rotation", options);
  BlackHoleRelay link(store::testing::shared_redis().port());
  server::ServerConfig config = mailbox_config();
  config.redis_url = "redis://127.0.0.1:" + std::to_string(link.port());
  config.store_timeout = 300ms;
  TestServer b("secret-rotation", options, config);
  const std::string held = a.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(b.resource(held), "200");
  link.swallow();
  const std::string leaving = a.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(a.client().post("/auth/logout", {}, leaving).status, 204);
  const auto refused = until_answer(b, held, "store_unavailable", 4s);
  ASSERT_TRUE(refused) << "the cut-off instance kept trusting its keys";
  EXPECT_LT(*refused, 2500ms) << "the staleness bound is a second";
  link.heal();
  const auto caught_up = until_answer(b, held, "unknown_kid", 8s);
  EXPECT_TRUE(caught_up) << "the healed instance did not catch up with the rotation";
}

}  // namespace
}  // namespace revbench::testing

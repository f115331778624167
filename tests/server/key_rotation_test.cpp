// Signing-key rotation: secret-rotation's optional overlap, and the graceful
// rotation every other strategy gets.
#include <gtest/gtest.h>

#include <thread>

#include "test_server.hpp"

namespace revbench::testing {
namespace {
using namespace std::chrono_literals;

TEST(KeyRotation, SecretRotationOverlapKeepsTheOldKeyForItsWindow) {
  strategies::StrategyOptions options;
  options.rotation_overlap = 1s;
  TestServer server("secret-rotation", options);
  const std::string token = server.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(server.client().post("/admin/rotate-secret", {}, admin_token).status, 204);
  EXPECT_EQ(server.resource(token), "200");  // inside the overlap
  std::this_thread::sleep_for(1200ms);
  EXPECT_EQ(server.resource(token), "unknown_kid");
}

TEST(KeyRotation, OtherStrategiesRotateWithoutRevoking) {
  TestServer server("redis-denylist");
  const std::string before = server.login(TestServer::fresh_user()).field("access_token");
  ASSERT_EQ(server.client().post("/admin/rotate-secret", {}, admin_token).status, 204);
  ASSERT_EQ(server.client().post("/admin/rotate-secret", {}, admin_token).status, 204);
  const std::string after = server.login(TestServer::fresh_user()).field("access_token");
  EXPECT_EQ(server.resource(before), "200");
  EXPECT_EQ(server.resource(after), "200");
  EXPECT_NE(before.substr(0, before.find('.')), after.substr(0, after.find('.')));  // a new kid in the header
}

}  // namespace
}  // namespace revbench::testing

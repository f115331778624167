// 50 concurrent refreshes of one token: exactly one child, never a fork.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <thread>

#include "../store/store_environment.hpp"
#include "test_server.hpp"

namespace revbench::testing {
namespace {

std::string hex_sha256(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md, &len, EVP_sha256(), nullptr);
  std::string out;
  char byte[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", md[i]);
    out += byte;
  }
  return out;
}

TEST(RefreshRotation, FiftyConcurrentRefreshesOfOneTokenYieldOneChild) {
  TestServer server("refresh-rotation");
  const std::string token = server.login(TestServer::fresh_user()).field("refresh_token");
  ASSERT_FALSE(token.empty());
  std::atomic<int> ok{0};
  std::atomic<int> reuse{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&] {
      const Reply r = server.client().post("/auth/refresh", {{"refresh_token", token}});
      if (r.status == 200) ++ok;
      if (r.field("reason") == "reuse_detected" || r.field("reason") == "revoked") ++reuse;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(reuse.load(), 49);  // strict policy: every later presentation is reuse
  EXPECT_EQ(store::testing::pg_scalar(store::testing::shared_postgres().url(),
                                      "SELECT count(*) FROM refresh_tokens WHERE parent_hash = '" + hex_sha256(token) + "'"),
            1);
}

TEST(RefreshRotation, GraceWindowLetsTheImmediatePredecessorRefreshOnce) {
  strategies::StrategyOptions options;
  options.refresh_grace = std::chrono::seconds(5);
  TestServer server("refresh-rotation", options);
  const std::string first = server.login(TestServer::fresh_user()).field("refresh_token");
  const Reply tab_a = server.client().post("/auth/refresh", {{"refresh_token", first}});
  ASSERT_EQ(tab_a.status, 200);
  // Another tab refreshes with the same (now superseded) token within the window.
  const Reply tab_b = server.client().post("/auth/refresh", {{"refresh_token", first}});
  ASSERT_EQ(tab_b.status, 200) << tab_b.body;
  // Tab B's token is now the current one and keeps rotating.
  EXPECT_EQ(server.client().post("/auth/refresh", {{"refresh_token", tab_b.field("refresh_token")}}).status, 200);
}

}  // namespace
}  // namespace revbench::testing

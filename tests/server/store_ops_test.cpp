// Revbench-Store-Ops on every response equals what Redis (INFO commandstats)
// and PostgreSQL (pg_stat_statements) counted for that request.
#include <gtest/gtest.h>

#include "../store/store_environment.hpp"
#include "harness/store/store_counters.hpp"
#include "test_server.hpp"

namespace revbench::testing {
namespace {

// What the stores counted: the same readers `revbench run` checks its runs with.
long long redis_calls() { return store::redis_command_calls(store::testing::shared_redis().url()).value(); }
long long pg_calls() { return store::pg_statement_calls(store::testing::shared_postgres().url()).value(); }

struct Counted {
  Reply reply;
  long long redis;
  long long pg;
};

template <typename Request>
Counted counted(Request request) {
  const long long redis_before = redis_calls();
  const long long pg_before = pg_calls();
  Reply reply = request();
  return Counted{reply, redis_calls() - redis_before, pg_calls() - pg_before};
}

void expect_header_matches(const Counted& c, const std::string& what) {
  const auto header = c.reply.headers.find("Revbench-Store-Ops");
  ASSERT_NE(header, c.reply.headers.end()) << what;
  EXPECT_EQ(header->second, "redis=" + std::to_string(c.redis) + ", pg=" + std::to_string(c.pg))
      << what << " (status " << c.reply.status << ")";
}

class StoreOps : public ::testing::TestWithParam<std::string> {};

TEST_P(StoreOps, HeaderEqualsTheServersOwnCounts) {
  TestServer server(GetParam());
  const std::string user = TestServer::fresh_user();
  auto& http = server.client();

  const auto login = counted([&] { return server.login(user); });
  expect_header_matches(login, "login");
  const std::string access = login.reply.field("access_token");
  const std::string refresh = login.reply.field("refresh_token");

  expect_header_matches(counted([&] { return http.get("/api/resource", access); }), "resource");
  if (!refresh.empty()) {
    const auto refreshed = counted([&] { return http.post("/auth/refresh", {{"refresh_token", refresh}}); });
    expect_header_matches(refreshed, "refresh");
    expect_header_matches(counted([&] { return http.post("/auth/refresh", {{"refresh_token", refresh}}); }),
                          "refresh reuse");
  }
  const std::string second = server.login(user).field("access_token");
  expect_header_matches(counted([&] { return http.post("/auth/logout", {}, access); }), "logout");
  expect_header_matches(counted([&] { return http.get("/api/resource", access); }), "resource after logout");
  expect_header_matches(counted([&] { return http.post("/auth/logout-all", {}, second); }), "logout-all");
  expect_header_matches(counted([&] { return http.post("/auth/reset-request", {{"user", user}}); }), "reset-request");
  expect_header_matches(counted([&] { return http.get("/healthz"); }), "healthz");
}

INSTANTIATE_TEST_SUITE_P(AllStrategies, StoreOps, ::testing::ValuesIn(all_strategy_names()), strategy_test_name);

TEST(StoreOps, HotPathCostsWhatEachStrategyClaims) {
  // The table in the README: store ops per GET /api/resource.
  const std::vector<std::tuple<std::string, std::string>> expected = {
      {"short-ttl", "redis=0, pg=0"},        {"redis-denylist", "redis=1, pg=0"},
      {"pg-token-version", "redis=0, pg=1"}, {"refresh-rotation", "redis=0, pg=0"},
      {"secret-rotation", "redis=0, pg=0"},  {"allowlist", "redis=1, pg=0"},
      {"local-denylist", "redis=0, pg=0"},   {"not-before", "redis=0, pg=0"},
      {"per-user-secret", "redis=0, pg=0"},  // the user's key is cached since the login
      {"hybrid-freshness", "redis=0, pg=0"},  // a fresh token: the store is asked once it is older than N
  };
  for (const auto& [strategy, ops] : expected) {
    TestServer server(strategy);
    const std::string token = server.login(TestServer::fresh_user()).field("access_token");
    EXPECT_EQ(server.client().get("/api/resource", token).headers["Revbench-Store-Ops"], ops) << strategy;
  }
}

}  // namespace
}  // namespace revbench::testing

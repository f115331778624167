// The scenario runtime against a real server, below the binary: a script
// that takes every step kind plays without a failed step, and the thief's
// figures come out as the strategies promise.
#include "harness/load/scenario/scenario_runner.hpp"

#include <gtest/gtest.h>

#include "../../server/test_server.hpp"
#include "harness/contract/seeded_users.hpp"
#include "scenarios/scenario_parser.hpp"

namespace revbench::load {
namespace {
using namespace std::chrono_literals;

ScenarioStats play(testing::TestServer& server, const Scenario& scenario) {
  ScenarioRunOptions options;
  options.instances = {HttpTarget{"127.0.0.1", server.port()}};
  options.admin_token = testing::admin_token;
  std::vector<std::string> users;
  for (int i = 0; i < scenario.users_needed(); ++i) users.push_back(testing::TestServer::fresh_user());
  options.credentials = [users](int i) {
    const auto& user = users.at(static_cast<std::size_t>(i));
    return std::pair{user, contract::seeded_password(user)};
  };
  return run_scenario(scenario, options);
}

std::string notes(const ScenarioStats& stats) {
  std::string all;
  for (const auto& note : stats.notes) all += note + "\n";
  return all;
}

// Every step kind of the table, in a story that makes each one do its job.
constexpr const char* every_kind = R"(name: every-kind
event: logout
access_ttl: 2s
phases:
  - {name: main, duration: 2500ms}
actors:
  - name: user
    steps:
      - login: {device: phone}
      - resource: {repeat: 3}
      - refresh: {tabs: 1}
      - login: {session: laptop, device: laptop}
      - wait: {actor: thief, mark: stolen}
      - logout: {mark: revoked}
      - password-change: {session: laptop}
      - reset-request: {session: mail}
      - reset: {session: mail}
      - login: {session: last}
      - think: 20ms
      - logout-all: {session: last, mark: done}
  - name: thief
    role: thief
    revoked_by: {actor: user, mark: revoked}
    steps:
      - steal: {from: user, token: access, mark: stolen}
      - probe: {every: 1ms, give_up: 3s}
  - name: admin
    role: admin
    steps:
      - wait: {actor: user, mark: done}
      - ban: {target: user}
      - unban: {target: user}
      - rotate-secret
)";

TEST(ScenarioRunner, EveryStepKindDoesItsJobAgainstARealServer) {
  strategies::StrategyOptions options;
  options.access_ttl = 2s;
  testing::TestServer server("refresh-rotation", options);
  const auto scenario = scenarios::parse_scenario(every_kind, "every-kind.yaml");
  const auto stats = play(server, scenario);
  const auto& s = stats.security;
  EXPECT_EQ(s.failed_steps, 0U) << notes(stats);
  EXPECT_EQ(s.skipped_steps, 0U) << notes(stats);
  EXPECT_TRUE(stats.complete);
  for (const char* endpoint : {"login", "resource", "refresh", "logout", "password", "reset_request", "reset",
                               "logout_all", "ban", "unban", "rotate_secret", "thief_probe"})
    EXPECT_EQ(stats.endpoints.count({"main", endpoint}), 1U) << endpoint << " was never recorded\n" << notes(stats);
  // refresh-rotation's access token outlives a logout until it expires (1 to 2 s left).
  EXPECT_EQ(s.probes, 1U) << notes(stats);
  EXPECT_EQ(s.never_rejected, 0U);
  EXPECT_GE(stats.revocation_lag.min(), 500ms);
  EXPECT_LE(stats.revocation_lag.max(), 2500ms);
  EXPECT_GT(s.accepted_after_revoke, 0U);
  EXPECT_EQ(stats.rejection_reasons.count("expired"), 1U);
  EXPECT_EQ(s.collateral_logouts, 0U) << notes(stats);
  EXPECT_EQ(s.false_theft_detections, 0U);
}

constexpr const char* theft = R"(name: theft
event: logout
access_ttl: 2s
phases:
  - {name: main, duration: 1500ms}
actors:
  - name: reader
    count: 4
    steps:
      - login
      - resource: {rate: 50/s, until: end}
  - name: victim
    steps:
      - login
      - wait: {actor: thief, mark: stolen}
      - logout: {mark: revoked}
  - name: thief
    role: thief
    revoked_by: {actor: victim, mark: revoked}
    steps:
      - steal: {from: victim, token: access, mark: stolen}
      - probe: {every: 1ms, give_up: 4s}
)";

TEST(ScenarioRunner, AnImmediateRevocationLetsTheThiefNothingThrough) {
  testing::TestServer server("redis-denylist");
  const auto stats = play(server, scenarios::parse_scenario(theft, "theft.yaml"));
  const auto& s = stats.security;
  EXPECT_EQ(s.failed_steps, 0U) << notes(stats);
  EXPECT_EQ(s.probes, 1U) << notes(stats);
  EXPECT_EQ(s.accepted_after_revoke, 0U);
  EXPECT_LT(stats.revocation_lag.max(), 100ms);
  EXPECT_EQ(stats.rejection_reasons.count("revoked"), 1U);
  EXPECT_EQ(s.collateral_logouts, 0U);
  const auto& reads = stats.endpoints.at({"main", "resource"});
  EXPECT_GT(reads.requests(), 150U);  // 4 readers at 50/s for most of 1.5 s
  EXPECT_EQ(reads.errors(), 0U);
  EXPECT_EQ(reads.redis_ops, reads.requests()) << "redis-denylist: one Redis lookup per request";
}

TEST(ScenarioRunner, ATokenLeftToExpireLetsTheThiefThroughUntilThen) {
  strategies::StrategyOptions options;
  options.access_ttl = 2s;
  testing::TestServer server("short-ttl", options);
  const auto stats = play(server, scenarios::parse_scenario(theft, "theft.yaml"));
  EXPECT_EQ(stats.security.probes, 1U) << notes(stats);
  EXPECT_GT(stats.security.accepted_after_revoke, 0U);
  EXPECT_GE(stats.revocation_lag.min(), 900ms);
  EXPECT_EQ(stats.rejection_reasons.count("expired"), 1U);
}

}  // namespace
}  // namespace revbench::load

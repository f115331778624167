// Measured revocation lag agrees with what each strategy promises for a
// single-device logout: a thief gets nothing after the revoke where the
// promise is "immediate", and keeps access for the remaining TTL where it is
// "after the access TTL".
#include "harness/load/revocation_lag.hpp"

#include <gtest/gtest.h>

#include "../server/test_server.hpp"

namespace revbench::load {
namespace {
using namespace std::chrono_literals;

class RevocationLag : public ::testing::TestWithParam<std::string> {};

TEST_P(RevocationLag, MeasuredLagKeepsTheStrategysPromise) {
  strategies::StrategyOptions options;
  options.access_ttl = 2s;
  testing::TestServer server(GetParam(), options);
  strategies::Promise promise{};
  std::chrono::milliseconds bound{};
  for (const auto& p : server.strategy().promises())
    if (p.event == strategies::Event::logout) std::tie(promise, bound) = std::tuple(p.promise, p.bound);

  LagPlan plan;
  plan.instances = {HttpTarget{"127.0.0.1", server.port()}};
  plan.event = RevokingEvent::logout;
  plan.trials = 2;
  // Two consecutive users the other tests do not touch (user-NNNNNN).
  plan.first_user = std::stoi(testing::TestServer::fresh_user().substr(5));
  testing::TestServer::fresh_user();
  plan.give_up = 5s;
  const auto report = measure_revocation_lag(plan);
  ASSERT_TRUE(report.error.empty()) << report.error;
  EXPECT_EQ(report.never_rejected, 0);
  EXPECT_EQ(report.lag.count(), 2U);
  if (promise == strategies::Promise::after_access_ttl) {
    EXPECT_GT(report.accepted_after_revoke, 0U);
    EXPECT_GE(report.lag.min(), 900ms);   // the token had 1 to 2 s left
    EXPECT_LE(report.lag.max(), 2500ms);
    EXPECT_EQ(report.reasons.front(), "expired");
  } else if (promise == strategies::Promise::within_bound) {
    EXPECT_LE(report.lag.max(), bound);
    // A rotated signing key (secret-rotation) refuses as an unknown kid.
    EXPECT_TRUE(report.reasons.front() == "revoked" || report.reasons.front() == "unknown_kid") << report.reasons.front();
  } else {
    EXPECT_EQ(report.accepted_after_revoke, 0U);
    EXPECT_LT(report.lag.max(), 100ms);
  }
}

INSTANTIATE_TEST_SUITE_P(AllStrategies, RevocationLag, ::testing::ValuesIn(testing::all_strategy_names()),
                         testing::strategy_test_name);

}  // namespace
}  // namespace revbench::load

#include "results/verdict.hpp"

#include <gtest/gtest.h>

namespace revbench::results {
namespace {

using namespace std::chrono_literals;

TEST(Verdict, AFailoverThatBothHidesAndUndoesRevocationsSaysBoth) {
  load::ScenarioStats stats;
  stats.security.probes = 80;
  stats.security.never_rejected = 1;
  stats.security.revocations_lost = 38;
  stats.security.accepted_after_lost_revocation = 1938;
  const auto verdict = judge(contract::Promise::immediate, stats, 2s);
  EXPECT_FALSE(verdict.kept);
  EXPECT_EQ(verdict.reason, "1 stolen token(s) still accepted at give-up; 38 revocation(s) lost: refused, then "
                            "accepted again (1938 thief request(s) accepted after)");

  stats.security.never_rejected = 0;
  EXPECT_EQ(judge(contract::Promise::immediate, stats, 2s).reason,
            "38 revocation(s) lost: refused, then accepted again (1938 thief request(s) accepted after)");
  stats.security.revocations_lost = 0;
  EXPECT_TRUE(judge(contract::Promise::immediate, stats, 2s).kept);
}

}  // namespace
}  // namespace revbench::results

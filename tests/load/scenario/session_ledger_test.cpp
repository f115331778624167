// The book of sessions decides what the security verdicts count: a refusal
// is collateral only the first time, and only where no event meant it; a
// reuse_detected is a theft only on a session someone copied.
#include "harness/load/scenario/session_ledger.hpp"

#include <gtest/gtest.h>

namespace revbench::load {
namespace {
using namespace std::chrono_literals;

TEST(SessionLedger, EachLoginOpensItsOwnSession) {
  SessionLedger ledger;
  EXPECT_EQ(ledger.open("alice"), 0);
  EXPECT_EQ(ledger.open("alice"), 1);
  EXPECT_EQ(ledger.open("bob"), 2);
  EXPECT_EQ(ledger.size(), 3U);
}

TEST(SessionLedger, TargetingAUserSparesOnlyTheSessionNamed) {
  SessionLedger ledger;
  const int phone = ledger.open("alice");
  const int laptop = ledger.open("alice");
  const int bob = ledger.open("bob");
  ledger.target_user("alice", laptop);  // a password change from the laptop
  EXPECT_TRUE(ledger.targeted(phone));
  EXPECT_FALSE(ledger.targeted(laptop));
  EXPECT_FALSE(ledger.targeted(bob));
  ledger.target_everyone();  // a secret rotation
  EXPECT_TRUE(ledger.targeted(laptop));
  EXPECT_TRUE(ledger.targeted(bob));
}

TEST(SessionLedger, AnUntargetedRefusalIsCollateralOnce) {
  SessionLedger ledger;
  const int bystander = ledger.open("bob");
  EXPECT_TRUE(ledger.refused(bystander));
  EXPECT_FALSE(ledger.refused(bystander)) << "the same dead session counted twice";
}

TEST(SessionLedger, ARefusalAnEventMeantIsNotCollateral) {
  SessionLedger ledger;
  const int victim = ledger.open("alice");
  ledger.target(victim);
  EXPECT_FALSE(ledger.refused(victim));
}

TEST(SessionLedger, WhatWasTargetedThenDecidesNotWhatIsTargetedNow) {
  // A logout whose session another event had already ended: the logout
  // targets it, but the refusal it met was the earlier event's doing.
  SessionLedger ledger;
  const int session = ledger.open("alice");
  const bool targeted_before = ledger.targeted(session);
  ledger.target(session);
  EXPECT_TRUE(ledger.refused(session, targeted_before));
}

TEST(SessionLedger, ReuseDetectedIsATheftOnlyOnAStolenSession) {
  SessionLedger ledger;
  const int stolen = ledger.open("alice");
  const int honest = ledger.open("bob");
  ledger.stolen(stolen);
  EXPECT_TRUE(ledger.was_stolen(stolen));
  EXPECT_TRUE(ledger.reuse_detected(stolen));
  EXPECT_TRUE(ledger.targeted(stolen)) << "the detection revokes the family: meant, not collateral";
  EXPECT_FALSE(ledger.reuse_detected(honest));
  EXPECT_FALSE(ledger.targeted(honest));
}

TEST(SessionLedger, NoSessionYetIsNeitherTargetedNorRefused) {
  SessionLedger ledger;
  EXPECT_FALSE(ledger.targeted(-1));
  EXPECT_FALSE(ledger.refused(-1));
  EXPECT_FALSE(ledger.reuse_detected(-1));
  ledger.target(-1);
  ledger.stolen(7);
  EXPECT_EQ(ledger.size(), 0U);
}

TEST(Slot, RenewsBeforeTheTokenExpiresWithRoomForWholeSeconds) {
  const auto before = std::chrono::steady_clock::now();
  Slot slot;
  slot.keep(Grant{"a", "r", 60.0});
  EXPECT_EQ(slot.access, "a");
  EXPECT_EQ(slot.refresh, "r");
  EXPECT_GE(slot.renew_at - before, 58750ms);  // 60 s less 1.25 s
  EXPECT_LT(slot.renew_at - before, 59s);
  slot.keep(Grant{"b", "", 2.0});  // short tokens: half their life
  EXPECT_GE(slot.renew_at - before, 1s);
  EXPECT_LT(slot.renew_at - before, 1500ms);
  slot.keep(Grant{"c", "", std::nullopt});
  EXPECT_EQ(slot.renew_at, Slot::TimePoint::max()) << "no lifetime said: never renewed early";
}

}  // namespace
}  // namespace revbench::load

#pragma once
// The run's book of server-side sessions ("lineages": a login and every
// refresh that descends from it): who owns each, whether an event meant to
// end it, whether someone copied its tokens. What the security verdicts
// count, collateral logouts and theft detections, is decided here from that
// book, so it is decided the same way by every step.
#include <chrono>
#include <string>
#include <vector>

#include "harness/load/scenario/contract_client.hpp"

namespace revbench::load {

// The tokens one actor holds under one session name.
struct Slot {
  using TimePoint = std::chrono::steady_clock::time_point;
  std::string access;
  std::string refresh;
  std::string reset;
  int lineage = -1;  // -1: never logged in (or stolen) yet
  // When a careful client renews its access token: before it expires, with
  // room for exp's whole seconds (a token can die up to 1 s before expires_in says).
  TimePoint renew_at = TimePoint::max();

  // A grant answered: the new tokens, and when to renew them.
  void keep(const Grant& grant);
};

class SessionLedger {
 public:
  // A login opened a session of `user`; its lineage number.
  int open(const std::string& user);
  std::size_t size() const { return lineages_.size(); }

  // An event meant to end these sessions.
  void target(int lineage);
  void target_user(const std::string& user, int except_lineage = -1);
  void target_everyone();
  bool targeted(int lineage) const;

  void stolen(int lineage);
  bool was_stolen(int lineage) const;

  // The server refused the session. True when that refusal is collateral: the
  // first one seen for a session that no event had targeted by `targeted_then`.
  bool refused(int lineage, bool targeted_then);
  bool refused(int lineage) { return refused(lineage, targeted(lineage)); }

  // A refresh answered reuse_detected. On a stolen session that is the theft
  // detected (and its family revoked: meant, not collateral); otherwise a
  // false detection. Returns whether it was a theft.
  bool reuse_detected(int lineage);

 private:
  struct Lineage {
    std::string user;
    bool targeted = false;
    bool stolen = false;
    bool refusal_seen = false;
  };
  Lineage* at(int lineage);
  const Lineage* at(int lineage) const;
  std::vector<Lineage> lineages_;
};

}  // namespace revbench::load

#pragma once
// `racing-logins`: a thief who knows `from`'s password logs in as that user
// `count` times at once, spread over `spread`, while the group's revoked_by
// event lands (a ban, the victim's password change, a logout-all). Every
// session it gets is then probed like a stolen token (`every`, `give_up`):
// a login that raced the revocation must end as the strategy promises for
// the event. With `overlapping_may_survive`, sessions whose login answered
// after the revoking request was sent are only counted, not held to the
// promise: a logout-all does not change the password, so a login checked
// after it committed is a new session by right.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/all_at_once.hpp"
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

// One token a racing login got, probed on connections of its own (one per
// instance), beside every other token's probe.
struct RacedToken {
  bool refresh = false;  // a refresh token: probed by refreshing with it
  std::string token;
  std::vector<std::unique_ptr<HttpConnection>> connections;
};

struct RacingLoginsStep final : StepAction {
  std::string victims;  // the group whose paired actor's credentials are used
  int count = 16;
  Duration spread{0};
  Duration every{std::chrono::milliseconds(1)};
  Duration give_up_after{std::chrono::seconds(5)};
  bool overlapping_may_survive = false;
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  Duration give_up() const override { return give_up_after; }
  static std::shared_ptr<const StepAction> parse(StepFields& fields);

 private:
  Task probe(Stage& stage, Actor& actor, RacedToken held, std::chrono::steady_clock::time_point minted) const;
};

}  // namespace revbench::load

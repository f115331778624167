#pragma once
// What the revoking account-change steps (ban, unban, password-change,
// logout-all, reset) share: the answer read and counted. Made and revoked
// (204), made with its revocation owed because the strategy's store is down
// (202), or not made because a store is down (503). With `retry: <pause>`
// a change not made is sent again after the pause until it is made, as an
// operator would. A retry refused for the reason a change already made
// gives (a password change's old password no longer matching, a reset
// token spent, a logout's token refused as revoked) shows that the "not
// made" before it was half done.
#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string_view>

#include "harness/contract/reason.hpp"
#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

class Stage;
struct Actor;

struct ChangeRetry {
  Duration pause{0};  // 0: a change not made fails the step
  // The refusal a retry gets when an earlier try was made; none: the change
  // is idempotent (a ban) or its retry cannot tell.
  std::optional<contract::Reason> made_already;
  // Whether a change made after all breaks a promise: a password changed
  // that its user was told was not locks them out; a session ended that
  // its user was told was not (its token refused as revoked on the retry:
  // the earlier try's write was made) is what they asked for.
  bool half_done_harms = true;
  static ChangeRetry parse(const StepFields& fields, std::optional<contract::Reason> made_already = std::nullopt,
                           bool half_done_harms = true);
};

// made: the server made it (204, 202, or a retry showed it had). refused: a
// 401 to the first try, the caller's to read (a session already over, ...).
// failed: anything else, counted and noted as the step's failure.
enum class ChangeEnd { made, refused, failed };
struct ChangeResult {
  ChangeEnd end = ChangeEnd::failed;
  LoadResponse last;
};
boost::asio::awaitable<ChangeResult> make_change(Stage& stage, Actor& actor, const Step& step,
                                                 const LoadRequest& request, std::string_view endpoint,
                                                 ChangeRetry retry);

}  // namespace revbench::load

#pragma once
// `ban`, `unban` (of `target`'s user) and `rotate-secret`, with the admin token
// (`retry`: steps/account_change.hpp).
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"
#include "harness/load/scenario/steps/account_change.hpp"

namespace revbench::load {

struct AdminStep final : StepAction {
  enum class What { ban, unban, rotate_secret };
  What what = What::ban;
  std::string target;  // ban, unban: the group whose paired actor's user is acted on
  ChangeRetry retry;
  explicit AdminStep(What w) : what(w) {}
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse_ban(StepFields& fields);
  static std::shared_ptr<const StepAction> parse_unban(StepFields& fields);
  static std::shared_ptr<const StepAction> parse_rotate_secret(StepFields& fields);
};

}  // namespace revbench::load

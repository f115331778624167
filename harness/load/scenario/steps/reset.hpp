#pragma once
// `reset`: POST /auth/reset with the session's reset token and a new
// password; every session of the user is meant to end (`retry`:
// steps/account_change.hpp).
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"
#include "harness/load/scenario/steps/account_change.hpp"

namespace revbench::load {

struct ResetStep final : StepAction {
  ChangeRetry retry;
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

#pragma once
// `reset-request`: POST /auth/reset-request; the one-time reset token lands
// in `session` (the benchmark's mailbox).
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

struct ResetRequestStep final : StepAction {
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

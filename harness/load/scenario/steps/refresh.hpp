#pragma once
// `refresh`: POST /auth/refresh with the session's refresh token, `tabs`
// requests at the same moment, as browser tabs that share storage do when
// their access token expires.
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

struct RefreshStep final : StepAction {
  int tabs = 1;
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

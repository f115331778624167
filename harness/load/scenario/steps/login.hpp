#pragma once
// `login`: POST /auth/login as the actor's user, into `session`.
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

struct LoginStep final : StepAction {
  std::string device;  // sent to the server: sessions on other devices survive a logout
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

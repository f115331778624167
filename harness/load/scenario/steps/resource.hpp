#pragma once
// `resource`: GET /api/resource with the session's access token, in a loop
// (open loop at `rate`, or back to back with `think`). A user renews its token
// before it expires and, when `relogin`, logs in again after a refusal.
#include "harness/load/scenario/loop_schedule.hpp"
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

struct ResourceStep final : StepAction {
  Loop loop;
  bool relogin = true;
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

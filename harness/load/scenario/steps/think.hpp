#pragma once
// `think`: sleep (`think: 100ms`, or `think: {duration: 100ms, mark: ...}`).
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

struct ThinkStep final : StepAction {
  Duration duration{0};
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

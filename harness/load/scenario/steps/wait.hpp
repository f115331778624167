#pragma once
// `wait`: until a phase starts (`phase: attack`, or `end`), or until another
// group's paired actor records a mark (`actor: victim, mark: revoked`).
#include <optional>

#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

struct WaitStep final : StepAction {
  std::optional<std::string> phase;
  std::optional<MarkRef> mark;
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

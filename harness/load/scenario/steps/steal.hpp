#pragma once
// `steal`: wait for the paired victim of group `from` to hold the session,
// then copy its `token` (access, refresh, reset or all) into this thief's.
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"
#include "harness/load/scenario/steps/stolen_token.hpp"

namespace revbench::load {

struct StealStep final : StepAction {
  std::string victims;  // the group stolen from
  TokenKind token = TokenKind::all;
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

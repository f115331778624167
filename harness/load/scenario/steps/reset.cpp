#include "harness/load/scenario/steps/reset.hpp"

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/stage.hpp"

namespace revbench::load {

boost::asio::awaitable<bool> ResetStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  Slot& slot = actor.slots[step.session];
  if (slot.reset.empty()) co_return stage.fail(actor, step, "no reset token (reset-request first)");
  const std::string new_password = actor.password + "-reset";
  const auto request = requests::reset(slot.reset, new_password);
  stage.ledger.target_user(actor.user);
  const auto change =
      co_await make_change(stage, actor, step, request, contract::label_of(contract::Endpoint::reset), retry);
  if (change.end == ChangeEnd::refused) co_return stage.fail(actor, step, "HTTP 401 " + change.last.body);
  if (change.end == ChangeEnd::failed) co_return false;
  actor.password = new_password;
  co_return true;
}

std::shared_ptr<const StepAction> ResetStep::parse(StepFields& fields) {
  auto step = std::make_shared<ResetStep>();
  step->retry = ChangeRetry::parse(fields, contract::Reason::revoked);  // the reset token is spent
  return step;
}

}  // namespace revbench::load

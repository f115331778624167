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
  const auto response = co_await stage.send(actor, request, contract::label_of(contract::Endpoint::reset));
  const auto answer = change_answer(response);
  if (answer == ChangeAnswer::not_made)
    co_return stage.fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
  if (answer == ChangeAnswer::revocation_pending)
    stage.recorder.note(actor.group->name + " " + std::to_string(actor.index) +
                        ": the change is made, its revocation pending (the strategy's store did not answer)");
  actor.password = new_password;
  co_return true;
}

std::shared_ptr<const StepAction> ResetStep::parse(StepFields&) { return std::make_shared<ResetStep>(); }

}  // namespace revbench::load

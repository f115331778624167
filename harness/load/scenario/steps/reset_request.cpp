#include "harness/load/scenario/steps/reset_request.hpp"

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/stage.hpp"

namespace revbench::load {

boost::asio::awaitable<bool> ResetRequestStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  const auto request = requests::reset_request(actor.user);
  const auto response = co_await stage.send(actor, request, contract::label_of(contract::Endpoint::reset_request));
  if (response.status != 200)
    co_return stage.fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
  actor.slots[step.session].reset = reset_token_of(response);
  co_return true;
}

std::shared_ptr<const StepAction> ResetRequestStep::parse(StepFields&) { return std::make_shared<ResetRequestStep>(); }

}  // namespace revbench::load

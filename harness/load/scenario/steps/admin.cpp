#include "harness/load/scenario/steps/admin.hpp"

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/stage.hpp"
#include "harness/load/scenario/scenario_runner.hpp"

namespace revbench::load {
using contract::Endpoint;

boost::asio::awaitable<bool> AdminStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  const auto& admin_token = stage.options.admin_token;
  LoadRequest request;
  Endpoint endpoint = Endpoint::rotate_secret;
  if (what == What::rotate_secret) {
    request = requests::rotate_secret(admin_token);
    stage.ledger.target_everyone();
  } else {
    Actor& victim = stage.cast.peer(actor, target);
    victim.banned = what == What::ban;
    request = what == What::ban ? requests::ban(admin_token, victim.user) : requests::unban(admin_token, victim.user);
    endpoint = what == What::ban ? Endpoint::ban : Endpoint::unban;
    if (what == What::ban) stage.ledger.target_user(victim.user);
  }
  const auto response = co_await stage.send(actor, request, contract::label_of(endpoint));
  const auto answer = change_answer(response);
  if (answer == ChangeAnswer::not_made)
    co_return stage.fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
  if (answer == ChangeAnswer::revocation_pending)
    stage.recorder.note(actor.group->name + " " + std::to_string(actor.index) +
                        ": the change is made, its revocation pending (the strategy's store did not answer)");
  co_return true;
}

namespace {
std::shared_ptr<const StepAction> on_target(AdminStep::What what, StepFields& fields) {
  auto step = std::make_shared<AdminStep>(what);
  if (!fields.has("target")) fields.fail("", "which group? (target: <group>)");
  step->target = fields.group("target");
  return step;
}
}  // namespace

std::shared_ptr<const StepAction> AdminStep::parse_ban(StepFields& fields) { return on_target(What::ban, fields); }
std::shared_ptr<const StepAction> AdminStep::parse_unban(StepFields& fields) { return on_target(What::unban, fields); }
std::shared_ptr<const StepAction> AdminStep::parse_rotate_secret(StepFields&) {
  return std::make_shared<AdminStep>(What::rotate_secret);
}

}  // namespace revbench::load

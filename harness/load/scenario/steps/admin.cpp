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
  const auto change = co_await make_change(stage, actor, step, request, contract::label_of(endpoint), retry);
  if (change.end == ChangeEnd::refused)
    co_return stage.fail(actor, step, "HTTP 401 " + change.last.body);
  co_return change.end == ChangeEnd::made;
}

namespace {
std::shared_ptr<const StepAction> on_target(AdminStep::What what, StepFields& fields) {
  auto step = std::make_shared<AdminStep>(what);
  step->retry = ChangeRetry::parse(fields);
  if (!fields.has("target")) fields.fail("", "which group? (target: <group>)");
  step->target = fields.group("target");
  return step;
}
}  // namespace

std::shared_ptr<const StepAction> AdminStep::parse_ban(StepFields& fields) { return on_target(What::ban, fields); }
std::shared_ptr<const StepAction> AdminStep::parse_unban(StepFields& fields) { return on_target(What::unban, fields); }
std::shared_ptr<const StepAction> AdminStep::parse_rotate_secret(StepFields& fields) {
  auto step = std::make_shared<AdminStep>(What::rotate_secret);
  step->retry = ChangeRetry::parse(fields);
  return step;
}

}  // namespace revbench::load

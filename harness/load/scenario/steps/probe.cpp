#include "harness/load/scenario/steps/probe.hpp"

#include "harness/load/scenario/client_moves.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/scenario_runner.hpp"
#include "harness/load/scenario/stage.hpp"

namespace revbench::load {

boost::asio::awaitable<bool> ProbeStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  if (!actor.group->revoked_by) co_return stage.fail(actor, step, "a probe needs the group's revoked_by");
  Slot& slot = actor.slots[step.session];
  const std::string& held = token == TokenKind::refresh ? slot.refresh : token == TokenKind::reset ? slot.reset : slot.access;
  if (held.empty()) co_return stage.skip(actor, step, "nothing stolen to probe with");
  ProbeHooks hooks;
  hooks.request = [this, &slot] {
    if (token == TokenKind::refresh) return requests::refresh(slot.refresh);
    if (token == TokenKind::reset) return requests::reset(slot.reset, "taken-over");
    return requests::resource(slot.access);
  };
  hooks.send = [&stage, &actor](std::size_t instance, const LoadRequest& request) {
    return stage.send(actor, instance, request, "probe", std::chrono::steady_clock::now());
  };
  hooks.on_answer = [this, &stage, &slot](const LoadResponse& response) {
    if (token == TokenKind::refresh) refreshed(stage, slot, response);
    if (!response.renewed_token.empty()) slot.access = response.renewed_token;  // the thief keeps up too
  };
  hooks.revoked_at = [&stage, &actor] { return stage.cast.mark_time(actor, *actor.group->revoked_by); };
  record_probe(stage, actor.group->name + " " + std::to_string(actor.index),
               co_await probe_until_refused(hooks, probe_settings(stage, every, give_up_after, direct)));
  co_return true;
}

ProbeSettings probe_settings(const Stage& stage, Duration every, Duration give_up, bool direct) {
  ProbeSettings settings;
  settings.instances = stage.options.instances.size();
  if (stage.options.balancer && !direct) settings.balancer_slot = stage.options.instances.size();
  settings.sticky = stage.options.sticky_balancer;
  settings.every = every;
  settings.give_up = give_up;
  settings.no_revoke_deadline = stage.clock.hard_end();
  settings.stop = stage.options.stop;
  return settings;
}

void record_probe(Stage& stage, const std::string& who, const ProbeResult& result) {
  auto& security = stage.recorder.security();
  security.rejected_before_revoke += result.refused_before_revoke;
  switch (result.end) {
    case ProbeResult::End::refused_everywhere: stage.recorder.revocation(result.lag, result.first_reason); break;
    case ProbeResult::End::still_accepted:
    case ProbeResult::End::never_revoked:
      ++security.never_rejected;
      stage.recorder.note(who + (result.end == ProbeResult::End::still_accepted ? ": the stolen token was still accepted at give-up"
                                                                              : ": the revoke never happened"));
      break;
    case ProbeResult::End::stopped: break;
  }
}

std::shared_ptr<const StepAction> ProbeStep::parse(StepFields& fields) {
  auto step = std::make_shared<ProbeStep>();
  if (fields.has("every")) step->every = fields.duration("every");
  if (fields.has("give_up")) step->give_up_after = fields.duration("give_up");
  step->token = token_field(fields, TokenKind::access, false);
  if (fields.has("through")) step->direct = fields.choice("through", {"balancer", "instances"}) == 1;
  return step;
}

}  // namespace revbench::load

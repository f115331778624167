#include "harness/load/scenario/steps/racing_logins.hpp"

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/all_at_once.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/scenario_runner.hpp"
#include "harness/load/scenario/stage.hpp"
#include "harness/load/scenario/steps/probe.hpp"

namespace revbench::load {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using contract::Endpoint;

namespace {

// Refused while it was checked (`revoked`), or once the revocation had landed
// (`banned`; `bad_credentials`, the password having changed).
bool refused_by_the_revocation(const LoadResponse& response) {
  using contract::Reason;
  const auto reason = refusal_reason(response);
  return response.status == 401 && (reason == to_string(Reason::revoked) || reason == to_string(Reason::banned) ||
                                     reason == to_string(Reason::bad_credentials));
}

}  // namespace

asio::awaitable<bool> RacingLoginsStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  const auto& revoked_by = actor.group->revoked_by;
  if (!revoked_by) co_return stage.fail(actor, step, "racing logins need the group's revoked_by");
  const Actor& victim = stage.cast.peer(actor, victims);
  // Copied now: the victim may change its password while the logins race.
  const auto request = requests::login(victim.user, victim.password);
  const auto& options = stage.options;
  const auto connections = [&] {
    std::vector<std::unique_ptr<HttpConnection>> out;
    for (std::size_t slot = 0; slot < options.slots(); ++slot)
      out.push_back(std::make_unique<HttpConnection>(stage.io.get_executor(), options.target(slot)));
    return out;
  };

  // Each login on its own connection; each session it gets is then a stolen
  // token, probed on connections of its own until every instance refuses it.
  // The logins are recorded as the thief's but not held to the revoke as
  // probes are: what a login that answered after the revoke got is judged by
  // probing its session, from the revoke or from its answer if later.
  std::size_t overlapping = 0;
  std::vector<Task> logins;
  const auto start = Clock::now();
  for (int i = 0; i < count; ++i)
    logins.push_back([&, i]() -> asio::awaitable<void> {
      const auto intended = start + spread * i / count;
      co_await stage.sleep_until(intended);
      HttpConnection connection(stage.io.get_executor(), options.target(actor.home));
      const auto sent = Clock::now();
      const auto response = co_await connection.send(request);
      const auto answered = Clock::now();
      stage.recorder.record(true, contract::label_of(Endpoint::login), intended, sent, answered, response);
      const auto grant = grant_of(response);
      if (!grant) {
        if (refused_by_the_revocation(response)) ++stage.recorder.security().racing_logins_refused;
        co_return;
      }
      if (overlapping_may_survive && stage.cast.mark_start_time(actor, *revoked_by)) {
        ++overlapping;
        co_return;
      }
      std::vector<Task> probes{probe(stage, actor, RacedToken{false, grant->access_token, connections()}, answered)};
      if (!grant->refresh_token.empty())
        probes.push_back(probe(stage, actor, RacedToken{true, grant->refresh_token, connections()}, answered));
      co_await all_at_once(stage.io, std::move(probes));
    });
  co_await all_at_once(stage.io, std::move(logins));
  if (overlapping > 0)
    stage.recorder.note(actor.group->name + " " + std::to_string(actor.index) + ": " + std::to_string(overlapping) +
                        " session(s) whose login answered after the revoking request was sent, not held to it");
  co_return !stage.finished();
}

Task RacingLoginsStep::probe(Stage& stage, Actor& actor, RacedToken held, Clock::time_point minted) const {
  return [this, &stage, &actor, held = std::make_shared<RacedToken>(std::move(held)), minted]() -> asio::awaitable<void> {
    const auto& revoked_by = *actor.group->revoked_by;
    ProbeHooks hooks;
    hooks.request = [held] { return held->refresh ? requests::refresh(held->token) : requests::resource(held->token); };
    hooks.send = [&stage, &actor, held](std::size_t instance, const LoadRequest& request) {
      return stage.send(actor, *held->connections.at(instance), request, "probe", Clock::now());
    };
    hooks.on_answer = [held](const LoadResponse& response) {
      if (held->refresh) {
        if (const auto grant = grant_of(response)) held->token = grant->refresh_token;  // the family lives on
      } else if (!response.renewed_token.empty()) {
        held->token = response.renewed_token;
      }
    };
    // A session minted after the revoke answered is measured from its own minting.
    hooks.revoked_at = [&stage, &actor, &revoked_by, minted]() -> std::optional<Clock::time_point> {
      const auto revoked = stage.cast.mark_time(actor, revoked_by);
      if (!revoked) return std::nullopt;
      return std::max(*revoked, minted);
    };
    const auto result = co_await probe_until_refused(hooks, probe_settings(stage, every, give_up_after));
    record_probe(stage,
                 actor.group->name + " " + std::to_string(actor.index) + ", a racing login's " +
                     (held->refresh ? "refresh" : "access") + " token",
                 result);
  };
}

std::shared_ptr<const StepAction> RacingLoginsStep::parse(StepFields& fields) {
  auto step = std::make_shared<RacingLoginsStep>();
  if (!fields.has("from")) fields.fail("", "whose credentials? (from: <group>)");
  step->victims = fields.group("from");
  if (fields.has("count")) step->count = static_cast<int>(fields.integer("count", 1, 1000));
  if (fields.has("spread")) step->spread = fields.duration("spread");
  if (fields.has("every")) step->every = fields.duration("every");
  if (fields.has("give_up")) step->give_up_after = fields.duration("give_up");
  if (fields.has("overlapping_may_survive"))
    step->overlapping_may_survive = fields.boolean("overlapping_may_survive");
  return step;
}

}  // namespace revbench::load

#pragma once
// `probe`: the revocation-lag measurement. The thief uses its stolen `token`
// on every instance, one every `every`, until each has refused it after the
// group's revoked_by mark (revocation_probe.hpp); `give_up` after the revoke
// it counts as never rejected. A run with a balancer is probed through it
// (what a thief who knows only the public address sees) unless `through:
// instances` asks for each instance directly (a thief inside the network).
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"
#include "harness/load/scenario/revocation_probe.hpp"
#include "harness/load/scenario/steps/stolen_token.hpp"

namespace revbench::load {

// A probe's settings in this run: every instance, until the run's hard end
// when nothing is revoked, stopped with the run.
ProbeSettings probe_settings(const Stage& stage, Duration every, Duration give_up, bool direct = false);

// What a finished probe adds to the run's security figures: its lag, or a
// token never refused (noted with `who`).
void record_probe(Stage& stage, const std::string& who, const ProbeResult& result);

struct ProbeStep final : StepAction {
  TokenKind token = TokenKind::access;
  Duration every{std::chrono::microseconds(500)};
  Duration give_up_after{std::chrono::seconds(10)};
  bool direct = false;  // `through: instances`: each instance, even with a balancer
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  Duration give_up() const override { return give_up_after; }
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

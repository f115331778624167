#include "harness/load/scenario/steps/steal.hpp"

#include "harness/load/scenario/stage.hpp"

namespace revbench::load {
using Clock = std::chrono::steady_clock;

boost::asio::awaitable<bool> StealStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  Actor& victim = stage.cast.peer(actor, victims);
  for (;;) {
    const auto found = victim.slots.find(step.session);
    const bool ready = found != victim.slots.end() &&
                       (token == TokenKind::reset ? !found->second.reset.empty() : found->second.lineage >= 0);
    if (ready) break;
    if (victim.ended) co_return stage.skip(actor, step, "the victim stopped before holding the session");
    if (stage.finished() || Clock::now() >= stage.clock.phases_end())
      co_return stage.fail(actor, step, "the victim never held the session");
    co_await stage.sleep_until(Clock::now() + std::chrono::milliseconds(1));
  }
  const Slot& original = victim.slots[step.session];
  Slot& copy = actor.slots[step.session];
  const bool all = token == TokenKind::all;
  if (all || token == TokenKind::access) copy.access = original.access;
  if (all || token == TokenKind::refresh) {
    if (original.refresh.empty()) co_return stage.skip(actor, step, "the strategy issued no refresh token to steal");
    copy.refresh = original.refresh;
  }
  if (token == TokenKind::reset) copy.reset = original.reset;
  copy.lineage = original.lineage;
  stage.ledger.stolen(copy.lineage);
  co_return true;
}

std::shared_ptr<const StepAction> StealStep::parse(StepFields& fields) {
  auto step = std::make_shared<StealStep>();
  if (!fields.has("from")) fields.fail("", "which group to steal from? (from: <group>)");
  step->victims = fields.group("from");
  step->token = token_field(fields, TokenKind::all, true);
  return step;
}

}  // namespace revbench::load

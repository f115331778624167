#include "harness/load/scenario/steps/wait.hpp"

#include "harness/load/scenario/stage.hpp"

namespace revbench::load {
using Clock = std::chrono::steady_clock;

boost::asio::awaitable<bool> WaitStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  if (phase) {
    co_await stage.sleep_until(*phase == "end" ? stage.clock.phases_end() : stage.clock.phase_start(*phase));
    co_return !stage.finished();
  }
  while (!stage.cast.mark_time(actor, *mark)) {
    if (stage.cast.peer(actor, mark->actor).ended)
      co_return stage.skip(actor, step, mark->actor + " stopped before recording '" + mark->mark + "'");
    if (stage.finished() || Clock::now() >= stage.clock.phases_end())
      co_return stage.fail(actor, step, "waited for " + mark->actor + "'s mark '" + mark->mark + "' until the end of the run");
    co_await stage.sleep_until(Clock::now() + std::chrono::milliseconds(1));
  }
  co_return true;
}

std::shared_ptr<const StepAction> WaitStep::parse(StepFields& fields) {
  auto step = std::make_shared<WaitStep>();
  if (fields.has("phase")) {
    if (fields.has("actor")) fields.fail("", "wait for a phase or for an actor's mark, not both");
    step->phase = fields.phase("phase");
    return step;
  }
  if (!fields.has("actor") || !fields.has("mark")) fields.fail("", "expected {actor: <group>, mark: <name>}");
  step->mark = MarkRef{fields.group("actor"), fields.name("mark")};
  return step;
}

}  // namespace revbench::load

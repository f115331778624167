#include "harness/load/scenario/steps/resource.hpp"

#include <algorithm>

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/client_moves.hpp"
#include "harness/load/scenario/contract_client.hpp"

namespace revbench::load {
using Clock = std::chrono::steady_clock;

boost::asio::awaitable<bool> ResourceStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  Slot& slot = actor.slots[step.session];
  std::optional<Clock::time_point> deadline;
  if (loop.until_phase) deadline = stage.clock.phase_end(*loop.until_phase);
  for (LoopSchedule schedule(loop, deadline); !stage.finished();) {
    const auto intended = schedule.next();
    if (!intended) break;
    co_await stage.sleep_until(*intended);
    auto logged_in_at = Clock::time_point::min();
    if (slot.access.empty()) {
      if (actor.thief()) co_return stage.skip(actor, step, "nothing stolen to use");
      const bool logged_in = co_await log_in(stage, actor, slot);
      if (!logged_in) co_return false;
      logged_in_at = Clock::now();
    } else if (!actor.thief() && Clock::now() >= slot.renew_at) {
      const bool renewed = co_await renew(stage, actor, slot);
      if (!renewed) co_return false;
      logged_in_at = Clock::now();
    }
    // Logging in or renewing is the client's own work, timed on its own
    // endpoint: the request's latency starts after it.
    const auto due = std::max(*intended, logged_in_at);
    const auto request = requests::resource(slot.access);
    const auto response =
        co_await stage.send(actor, actor.home, request, contract::label_of(contract::Endpoint::resource), due);
    if (!response.renewed_token.empty()) slot.access = response.renewed_token;  // as a real client would
    if (response.status == 401 && !actor.thief()) {
      const bool alive = co_await refused(stage, actor, slot, response, relogin);
      if (!alive) co_return !relogin;  // a refused session ends the loop; a failed login ends the actor
    }
    if (loop.think.count() > 0) co_await stage.sleep_until(Clock::now() + loop.think);
  }
  co_return true;
}

std::shared_ptr<const StepAction> ResourceStep::parse(StepFields& fields) {
  auto step = std::make_shared<ResourceStep>();
  auto& loop = step->loop;
  if (fields.has("relogin")) step->relogin = fields.boolean("relogin");
  if (fields.has("repeat")) loop.repeat = static_cast<int>(fields.integer("repeat", 1, 10'000'000));
  if (fields.has("for")) loop.for_ = fields.duration("for");
  if (fields.has("rate")) loop.rate = fields.rate("rate");
  if (fields.has("think")) loop.think = fields.duration("think");
  if (fields.has("until")) loop.until_phase = fields.phase("until");
  if (loop.for_ && loop.until_phase) fields.fail("", "'for' and 'until' both end the loop: keep one");
  if ((loop.for_ || loop.until_phase) && fields.has("repeat")) fields.fail("", "'repeat' with 'for' or 'until': keep one");
  if (loop.rate > 0 && loop.think.count() > 0)
    fields.fail("", "'rate' (open loop) and 'think' (closed loop) exclude each other");
  return step;
}

}  // namespace revbench::load

#include "harness/load/scenario/steps/think.hpp"

#include "harness/load/scenario/stage.hpp"

namespace revbench::load {

boost::asio::awaitable<bool> ThinkStep::perform(Stage& stage, Actor&, const Step&) const {
  co_await stage.sleep_until(std::chrono::steady_clock::now() + duration);
  co_return true;
}

std::shared_ptr<const StepAction> ThinkStep::parse(StepFields& fields) {
  auto step = std::make_shared<ThinkStep>();
  if (const auto shorthand = fields.shorthand_duration()) {
    step->duration = *shorthand;
    return step;
  }
  if (fields.has("duration")) step->duration = fields.duration("duration");
  if (step->duration.count() == 0) fields.fail("", "how long? (think: 100ms)");
  return step;
}

}  // namespace revbench::load

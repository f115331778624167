#include "harness/load/scenario/steps/login.hpp"

#include "harness/load/scenario/client_moves.hpp"

namespace revbench::load {

boost::asio::awaitable<bool> LoginStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  co_return co_await log_in(stage, actor, actor.slots[step.session], device);
}

std::shared_ptr<const StepAction> LoginStep::parse(StepFields& fields) {
  auto step = std::make_shared<LoginStep>();
  if (fields.has("device")) step->device = fields.name("device");
  return step;
}

}  // namespace revbench::load

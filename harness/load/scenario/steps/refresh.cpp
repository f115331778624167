#include "harness/load/scenario/steps/refresh.hpp"

#include <vector>

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/all_at_once.hpp"
#include "harness/load/scenario/client_moves.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/scenario_runner.hpp"

namespace revbench::load {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

asio::awaitable<bool> RefreshStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  Slot& slot = actor.slots[step.session];
  if (slot.refresh.empty()) {
    stage.skip(actor, step, "no refresh token to present");
    co_return true;  // the strategy has no refresh grant: the user simply goes on
  }
  const auto endpoint = contract::label_of(contract::Endpoint::refresh);
  const auto request = requests::refresh(slot.refresh);
  const auto intended = Clock::now();
  if (tabs <= 1) {
    refreshed(stage, slot, co_await stage.send(actor, actor.home, request, endpoint, intended));
    co_return true;
  }
  // Each tab its own connection, all started in one turn of the loop.
  std::vector<std::unique_ptr<HttpConnection>> connections;
  std::vector<LoadResponse> answers(static_cast<std::size_t>(tabs));
  std::vector<Task> sends;
  for (std::size_t t = 0; t < answers.size(); ++t) {
    connections.push_back(std::make_unique<HttpConnection>(stage.io.get_executor(), stage.options.target(actor.home)));
    sends.push_back([&, t]() -> asio::awaitable<void> { answers[t] = co_await connections[t]->send(request); });
  }
  co_await all_at_once(stage.io, std::move(sends));
  const auto answered = Clock::now();
  bool renewed = false;
  for (const auto& answer : answers) {
    stage.recorder.record(actor.thief(), endpoint, intended, intended, answered, answer);
    if (answer.status == 200 && !renewed) {
      refreshed(stage, slot, answer);
      renewed = true;
    } else if (answer.status != 200) {
      refreshed(stage, slot, answer);
    }
  }
  co_return true;
}

std::shared_ptr<const StepAction> RefreshStep::parse(StepFields& fields) {
  auto step = std::make_shared<RefreshStep>();
  if (fields.has("tabs")) step->tabs = static_cast<int>(fields.integer("tabs", 1, 64));
  return step;
}

}  // namespace revbench::load

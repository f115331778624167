#include "harness/load/scenario/stage.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/scenario_runner.hpp"

namespace revbench::load {
namespace asio = boost::asio;

bool Stage::finished() const {
  return stopping_ || ScenarioClock::Clock::now() >= clock.hard_end() ||
         (options.stop != nullptr && options.stop->load());
}

asio::awaitable<void> Stage::sleep_until(TimePoint when) {
  if (when <= ScenarioClock::Clock::now()) co_return;
  asio::steady_timer timer(io, when);
  co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<LoadResponse> Stage::send(Actor& actor, std::size_t instance, const LoadRequest& request,
                                          std::string_view endpoint, TimePoint intended) {
  return send(actor, *actor.connections.at(instance), request, endpoint, intended);
}

asio::awaitable<LoadResponse> Stage::send(Actor& actor, HttpConnection& connection, const LoadRequest& request,
                                          std::string_view endpoint, TimePoint intended) {
  const auto sent = ScenarioClock::Clock::now();
  auto response = co_await connection.send(request);
  const auto answered = ScenarioClock::Clock::now();
  recorder.record(actor.thief(), endpoint, intended, sent, answered, response);
  if (actor.thief()) {
    auto& security = recorder.security();
    ++security.thief_requests;
    if (succeeded(response)) {
      ++security.thief_accepted;
      if (actor.group->revoked_by) {
        const auto revoked = cast.mark_time(actor, *actor.group->revoked_by);
        if (revoked && sent >= *revoked) ++security.accepted_after_revoke;
      }
    }
  }
  co_return response;
}

asio::awaitable<LoadResponse> Stage::send(Actor& actor, const LoadRequest& request, std::string_view endpoint) {
  return send(actor, actor.home, request, endpoint, ScenarioClock::Clock::now());
}

bool Stage::fail(const Actor& actor, const Step& step, const std::string& why) {
  ++recorder.security().failed_steps;
  recorder.note(actor.group->name + " " + std::to_string(actor.index) + ", step on line " + std::to_string(step.line) +
                ": " + why);
  return false;
}

bool Stage::skip(const Actor& actor, const Step& step, const std::string& why) {
  ++recorder.security().skipped_steps;
  recorder.note(actor.group->name + ", step on line " + std::to_string(step.line) + " skipped: " + why);
  return false;
}

}  // namespace revbench::load

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
  recorder.woke_late(ScenarioClock::Clock::now() - when);
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
    if (succeeded(response)) ++security.thief_accepted;
    if (actor.group->revoked_by) {
      const auto revoked = cast.mark_time(actor, *actor.group->revoked_by);
      if (revoked && sent >= *revoked) after_revoke(actor, instance_of(actor, connection, response), response);
    }
  }
  co_return response;
}

std::optional<std::size_t> Stage::instance_of(const Actor& actor, const HttpConnection& connection,
                                              const LoadResponse& response) const {
  // Through a balancer: the instance it says it passed the request to.
  if (response.served_by > 0 && static_cast<std::size_t>(response.served_by) <= options.instances.size())
    return static_cast<std::size_t>(response.served_by - 1);
  for (std::size_t i = 0; i < options.instances.size(); ++i)
    if (actor.connections[i].get() == &connection) return i;
  return std::nullopt;  // a step's own connection, or the balancer's when it did not say
}

void Stage::after_revoke(Actor& actor, std::optional<std::size_t> at, const LoadResponse& response) {
  auto& security = recorder.security();
  if (succeeded(response)) ++security.accepted_after_revoke;
  // Per instance: in a fleet, one instance refusing while another has not
  // heard of the revocation yet is lag, not a loss.
  if (!at) return;
  const std::size_t instance = *at;
  if (actor.revocation_held.size() <= instance) actor.revocation_held.resize(instance + 1, false);
  if (response.status == 401 || response.status == 403) actor.revocation_held[instance] = true;
  // Failed open: let in because the store was down, as --fail-open says, not because the revocation is gone.
  if (!succeeded(response) || !actor.revocation_held[instance] || response.failed_open) return;
  ++security.accepted_after_lost_revocation;
  if (!actor.revocation_lost) {
    actor.revocation_lost = true;
    ++security.revocations_lost;
    recorder.note(actor.group->name + " " + std::to_string(actor.index) + ": instance " + std::to_string(instance + 1) +
                  " refused the stolen token after its revocation, then accepted it again: the revocation was lost");
  }
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

#include "harness/load/scenario/revocation_probe.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <vector>

#include "harness/load/scenario/contract_client.hpp"

namespace revbench::load {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// The end of a probe that is not refused everywhere (yet): stopped, given up
// after the revoke, or never revoked at all.
std::optional<ProbeResult::End> ended(const ProbeSettings& settings, const std::optional<Clock::time_point>& revoked) {
  if (settings.stop != nullptr && settings.stop->load()) return ProbeResult::End::stopped;
  const auto now = Clock::now();
  if (revoked && now > *revoked + settings.give_up) return ProbeResult::End::still_accepted;
  if (!revoked && now >= settings.no_revoke_deadline) return ProbeResult::End::never_revoked;
  return std::nullopt;
}

bool refusal(const LoadResponse& response) { return response.status == 401 || response.status == 403; }

asio::awaitable<ProbeResult> probe_through_balancer(const ProbeHooks& hooks, const ProbeSettings& settings) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  ProbeResult result;
  std::optional<Clock::time_point> revoked;
  // The refusals since the last acceptance: from when, how many, from which instances.
  std::optional<Clock::time_point> refused_since;
  std::size_t refusals = 0;
  std::vector<bool> refused_by(settings.instances, false);
  const auto everywhere = [&] {
    return refusals >= settings.instances &&
           (settings.sticky || std::all_of(refused_by.begin(), refused_by.end(), [](bool b) { return b; }));
  };
  for (;;) {
    if (settings.stop != nullptr && settings.stop->load()) co_return result;
    if (!revoked) revoked = hooks.revoked_at();
    if (revoked && everywhere()) {
      result.end = ProbeResult::End::refused_everywhere;
      result.lag = std::max(*refused_since, *revoked) - *revoked;  // refusing before the revoke was known: lag 0
      co_return result;
    }
    if (const auto end = ended(settings, revoked)) {
      result.end = *end;
      co_return result;
    }
    const auto request = hooks.request();
    const auto sent = Clock::now();
    const auto response = co_await hooks.send(*settings.balancer_slot, request);
    const auto answered = Clock::now();
    if (hooks.on_answer) hooks.on_answer(response);
    if (succeeded(response)) {
      if (revoked && sent >= *revoked) ++result.accepted_after_revoke;
      refused_since.reset();
      refusals = 0;
      std::fill(refused_by.begin(), refused_by.end(), false);
    } else if (refusal(response)) {
      if (result.first_reason.empty()) result.first_reason = refusal_reason(response);
      if (!revoked || answered < *revoked) ++result.refused_before_revoke;
      if (refusals++ == 0) refused_since = answered;
      if (response.served_by > 0 && static_cast<std::size_t>(response.served_by) <= refused_by.size())
        refused_by[static_cast<std::size_t>(response.served_by - 1)] = true;
    }
    timer.expires_after(settings.every);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace

asio::awaitable<ProbeResult> probe_until_refused(const ProbeHooks& hooks, const ProbeSettings& settings) {
  if (settings.balancer_slot) co_return co_await probe_through_balancer(hooks, settings);
  asio::steady_timer timer(co_await asio::this_coro::executor);
  auto pause = [&timer, &settings]() -> asio::awaitable<void> {
    timer.expires_after(settings.every);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  };
  ProbeResult result;
  std::vector<std::optional<Clock::time_point>> refused_at(settings.instances);
  std::vector<bool> refused_early(settings.instances, false);
  std::size_t turn = 0;
  std::optional<Clock::time_point> revoked;
  for (;;) {
    if (settings.stop != nullptr && settings.stop->load()) co_return result;
    if (!revoked) revoked = hooks.revoked_at();
    if (revoked)
      for (std::size_t i = 0; i < refused_at.size(); ++i)
        if (refused_early[i] && !refused_at[i]) refused_at[i] = *revoked;
    if (std::all_of(refused_at.begin(), refused_at.end(), [](const auto& at) { return at.has_value(); })) {
      Clock::time_point slowest = *revoked;
      for (const auto& at : refused_at) slowest = std::max(slowest, *at);
      result.end = ProbeResult::End::refused_everywhere;
      result.lag = slowest - *revoked;
      co_return result;
    }
    if (const auto end = ended(settings, revoked)) {
      result.end = *end;
      co_return result;
    }
    // The next instance that has not refused the token yet.
    std::optional<std::size_t> next;
    for (std::size_t k = 0; k < settings.instances && !next; ++k) {
      const std::size_t i = (turn + k) % settings.instances;
      if (!refused_at[i] && !refused_early[i]) next = i;
    }
    if (!next) {  // every instance refused before the revoke was recorded: wait for the mark
      co_await pause();
      continue;
    }
    const std::size_t instance = *next;
    turn = instance + 1;
    const auto request = hooks.request();
    const auto sent = Clock::now();
    const auto response = co_await hooks.send(instance, request);
    const auto answered = Clock::now();
    if (hooks.on_answer) hooks.on_answer(response);
    if (succeeded(response) && revoked && sent >= *revoked) ++result.accepted_after_revoke;
    if (refusal(response)) {
      if (result.first_reason.empty()) result.first_reason = refusal_reason(response);
      if (revoked && answered >= *revoked) {
        refused_at[instance] = answered;
      } else {
        ++result.refused_before_revoke;
        refused_early[instance] = true;
      }
    }
    if (!refused_at[instance]) co_await pause();
  }
}

}  // namespace revbench::load

#pragma once
// The revocation-lag measurement, once, for `revbench lag` and the scenario
// `probe` step alike: a thief uses a stolen token on every instance in turn
// until each has refused it after the revoking response. The lag is the time
// from that response to the slowest instance's first refusal. An instance
// that refused before the revoke was known (both answers can arrive
// together) had already revoked: it counts as refusing at the revoke, lag 0.
// Through a balancer the thief cannot choose the instance: see ProbeSettings.
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "harness/load/http_connection.hpp"

namespace revbench::load {

struct ProbeHooks {
  using TimePoint = std::chrono::steady_clock::time_point;
  // The next probe request: the stolen token may have moved on (a refresh
  // the thief won, a fresher token the server handed out).
  std::function<LoadRequest()> request;
  std::function<boost::asio::awaitable<LoadResponse>(std::size_t instance, const LoadRequest&)> send;
  // Every answer, before the probe reads it.
  std::function<void(const LoadResponse&)> on_answer;
  // When the revoking response arrived, once it has.
  std::function<std::optional<TimePoint>()> revoked_at;
};

struct ProbeSettings {
  std::size_t instances = 1;
  // Through a load balancer, as a thief who knows only the public address:
  // every probe to this slot, and the answers' instances as the balancer
  // names them (Revbench-Instance). Refused everywhere once the refusals
  // since the last acceptance came from every instance, or, `sticky`, once
  // `instances` of them in a row came from the one instance the thief's
  // cookie holds it to; the lag is to the first of those refusals.
  std::optional<std::size_t> balancer_slot;
  bool sticky = false;
  std::chrono::nanoseconds every{std::chrono::microseconds(500)};  // between probes
  std::chrono::nanoseconds give_up{std::chrono::seconds(10)};      // after the revoke
  // Without a revoke the probe ends here.
  std::chrono::steady_clock::time_point no_revoke_deadline = std::chrono::steady_clock::time_point::max();
  const std::atomic<bool>* stop = nullptr;
};

struct ProbeResult {
  enum class End { refused_everywhere, still_accepted, never_revoked, stopped };
  End end = End::stopped;
  std::chrono::nanoseconds lag{0};       // refused_everywhere: the slowest instance's
  std::string first_reason;              // the first refusal's reason
  std::uint64_t refused_before_revoke = 0;
  std::uint64_t accepted_after_revoke = 0;  // 2xx answers to probes sent at or after the revoke
};

boost::asio::awaitable<ProbeResult> probe_until_refused(const ProbeHooks& hooks, const ProbeSettings& settings);

}  // namespace revbench::load

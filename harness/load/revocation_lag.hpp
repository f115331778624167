#pragma once
// Revocation lag, measured the way a thief experiences it: a victim logs in,
// the thief copies the access token, the victim (or an admin) revokes, and
// the thief probes GET /api/resource on every server instance in turn, every
// few hundred microseconds, until each one rejects the token (the probe of
// scenario/revocation_probe.hpp, which the scenario `probe` step uses too).
// The lag is the time from the revoking response to the first rejection (on
// the slowest instance); every 2xx the thief got after the revoking response
// counts as accepted after revoke.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/latency_histogram.hpp"

namespace revbench::load {

enum class RevokingEvent { logout, logout_all, password_change, ban, rotate_secret };
RevokingEvent parse_revoking_event(const std::string& name);  // throws std::invalid_argument listing the names
std::string to_string(RevokingEvent event);

struct LagPlan {
  std::vector<HttpTarget> instances;  // the first one receives the logins and the revocations
  RevokingEvent event = RevokingEvent::logout;
  int trials = 20;
  int first_user = 1;                 // trial i uses seeded user first_user + i (contract/seeded_users.hpp)
  std::string admin_token;            // for ban and rotate_secret
  std::chrono::microseconds probe_interval{200};  // between two probes, round robin over the instances
  std::chrono::milliseconds give_up{10000};
  std::function<void(std::chrono::nanoseconds lag)> on_lag;  // each trial's lag, as it is measured
};

struct LagReport {
  LatencyHistogram lag;                    // per trial, the slowest instance's
  std::uint64_t accepted_after_revoke = 0; // thief 200s after the revoking response, all instances
  int never_rejected = 0;                  // trials where some instance still accepted at give_up
  std::vector<std::string> reasons;        // the 401 reason of each trial's first rejection
  std::string error;                       // set when a trial could not be set up (login failed, ...)
};

LagReport measure_revocation_lag(const LagPlan& plan);

}  // namespace revbench::load

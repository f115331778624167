#pragma once
// The user's production, which the report projects its measured figures to:
// `revbench report --production 'access_ttl=15m,rate=20000/s,...'`, or the
// path of a file holding the same key=value pairs (one a line, # comments).
#include <optional>
#include <string>
#include <string_view>

namespace revbench::results::report {

struct Production {
  std::string text;  // as given (a file: its pairs joined by commas)
  std::optional<double> access_ttl_seconds;
  std::optional<double> refresh_ttl_seconds;
  std::optional<double> rate_per_second;         // GET /api/resource, the whole fleet's
  std::optional<double> instances;
  std::optional<double> users;
  std::optional<double> live_sessions;           // absent: one a user
  std::optional<double> revocations_per_second;  // logouts, bans, password changes: every revoking event
  std::optional<double> store_rtt_seconds;       // an instance's round trip to its stores

  double sessions() const { return live_sessions.value_or(users.value_or(0)); }
};

// Throws std::invalid_argument naming where (`--production` or file:line),
// the key and what it expected; the known keys are listed for an unknown one.
Production parse_production(std::string_view text, const std::string& where = "--production");
// `spec` as given on the command line: a file's path when such a file exists, otherwise the pairs themselves.
Production read_production(const std::string& spec);

}  // namespace revbench::results::report

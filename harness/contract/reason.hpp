#pragma once
// Why the server refused a request: the `reason` of every error body, the
// `outcome` label of revbench_rejections_total, and what the load side reads
// back. A closed vocabulary, each reason with its one spelling.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace revbench::contract {

enum class Reason : std::uint8_t {
  // A token refused.
  revoked,
  expired,
  not_yet_valid,
  bad_signature,
  malformed,  // also a request body that is not what the endpoint takes
  unknown_kid,
  reuse_detected,  // a superseded refresh token: its session is revoked
  unknown,         // a refresh token the strategy does not know
  // Credentials and accounts.
  bad_credentials,
  banned,
  unknown_user,
  bad_user_name,  // empty, too long, or with a control character: refused before any store sees it
  // The server could not decide.
  store_unavailable,
  redis_unavailable,
  postgres_unavailable,
  overloaded,  // more password checks waiting than the server takes: shed before any work
  // The request itself.
  unknown_path,
  method_not_allowed,
  admin_from_loopback_only,
  bad_admin_token,
  headers_too_large,
  body_too_large,
  malformed_http,
};

std::string_view to_string(Reason reason);
std::optional<Reason> parse_reason(std::string_view text);
const std::vector<Reason>& all_reasons();

}  // namespace revbench::contract

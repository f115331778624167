#pragma once
// The HTTP contract as a client speaks it: each request built once, from the
// contract's endpoint table, and each answer read into what it means (a
// grant, a refusal's reason). The scenario steps, `revbench lag` and the
// commands' one-off logins all speak through it; the connection under it
// knows only HTTP.
#include <optional>
#include <string>
#include <string_view>

#include "harness/contract/reason.hpp"
#include "harness/load/http_connection.hpp"

namespace revbench::load {

// What a login or a refresh grants.
struct Grant {
  std::string access_token;
  std::string refresh_token;          // empty: the strategy issues none
  std::optional<double> expires_in;   // seconds, as the server said
};

namespace requests {
LoadRequest login(std::string_view user, std::string_view password, std::string_view device = {});
LoadRequest refresh(std::string_view refresh_token);
LoadRequest resource(std::string_view access_token);
// The refresh token, when given, ends with the session (a client logging out hands both over).
LoadRequest logout(std::string_view access_token, std::string_view refresh_token = {});
LoadRequest logout_all(std::string_view access_token);
LoadRequest change_password(std::string_view access_token, std::string_view old_password, std::string_view new_password);
LoadRequest ban(std::string_view admin_token, std::string_view user);
LoadRequest unban(std::string_view admin_token, std::string_view user);
LoadRequest rotate_secret(std::string_view admin_token);
LoadRequest reset_request(std::string_view user);
LoadRequest reset(std::string_view reset_token, std::string_view new_password);
LoadRequest healthz();
LoadRequest public_resource();  // touches no store: a round trip of the network and the server alone
}  // namespace requests

bool succeeded(const LoadResponse& response);  // 2xx
// A 200 that carries an access token.
std::optional<Grant> grant_of(const LoadResponse& response);
// A revoking account change (ban, password change, reset, logout-all) answered:
// the change is made. Revoked: 204; still owed, because the strategy's store is
// down: 202 revocation_pending (the server lands it once the store answers).
enum class ChangeAnswer { not_made, revoked, revocation_pending };
ChangeAnswer change_answer(const LoadResponse& response);
// The refusal's stable reason (revoked, expired, reuse_detected, ...), or empty.
std::string refusal_reason(const LoadResponse& response);
// The one-time token /auth/reset-request hands to the benchmark's "mailbox", or empty.
std::string reset_token_of(const LoadResponse& response);
// Which strategy a revbench server says it runs (/healthz), or empty.
std::string strategy_of(const LoadResponse& healthz_response);

}  // namespace revbench::load

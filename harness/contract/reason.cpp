#include "harness/contract/reason.hpp"

#include <utility>

#include "harness/contract/name_table.hpp"

namespace revbench::contract {
namespace {

constexpr std::pair<Reason, std::string_view> reason_names[] = {
    {Reason::revoked, "revoked"},
    {Reason::expired, "expired"},
    {Reason::not_yet_valid, "not_yet_valid"},
    {Reason::bad_signature, "bad_signature"},
    {Reason::malformed, "malformed"},
    {Reason::unknown_kid, "unknown_kid"},
    {Reason::reuse_detected, "reuse_detected"},
    {Reason::unknown, "unknown"},
    {Reason::bad_credentials, "bad_credentials"},
    {Reason::banned, "banned"},
    {Reason::unknown_user, "unknown_user"},
    {Reason::bad_user_name, "bad_user_name"},
    {Reason::store_unavailable, "store_unavailable"},
    {Reason::redis_unavailable, "redis_unavailable"},
    {Reason::postgres_unavailable, "postgres_unavailable"},
    {Reason::overloaded, "overloaded"},
    {Reason::unknown_path, "unknown_path"},
    {Reason::method_not_allowed, "method_not_allowed"},
    {Reason::admin_from_loopback_only, "admin_from_loopback_only"},
    {Reason::bad_admin_token, "bad_admin_token"},
    {Reason::headers_too_large, "headers_too_large"},
    {Reason::body_too_large, "body_too_large"},
    {Reason::malformed_http, "malformed_http"},
};
constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(reason_names); ++i)
    if (static_cast<std::size_t>(reason_names[i].first) != i) return false;
  return true;
}
static_assert(std::size(reason_names) == static_cast<std::size_t>(Reason::malformed_http) + 1 && in_enum_order(),
              "every reason has its name, in the enum's order (to_string indexes the table)");

}  // namespace

std::string_view to_string(Reason reason) { return reason_names[static_cast<std::size_t>(reason)].second; }
std::optional<Reason> parse_reason(std::string_view text) { return value_in(reason_names, text); }

const std::vector<Reason>& all_reasons() {
  static const std::vector<Reason> reasons = values_in(reason_names);
  return reasons;
}

}  // namespace revbench::contract

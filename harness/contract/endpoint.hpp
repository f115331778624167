#pragma once
// The HTTP contract's endpoints, once (DESIGN.md, "The HTTP contract"): the
// method, the path and the label that metrics and results files use. The
// server routes by this table and the load side builds its requests from it,
// so a path is spelled here and nowhere else.
#include <cstddef>
#include <string_view>

namespace revbench::contract {

enum class Endpoint {
  login, refresh, logout, logout_all, password, resource, ban, unban, rotate_secret, reset_request, reset,
  public_resource, jwks, metrics, healthz, other
};
inline constexpr std::size_t endpoint_count = 16;

struct EndpointRow {
  Endpoint endpoint;
  std::string_view method;
  std::string_view path;
  std::string_view label;  // bounded: a metric label and a results-file key
};

// Every endpoint but `other`, in the enum's order.
inline constexpr EndpointRow endpoint_table[] = {
    {Endpoint::login, "POST", "/auth/login", "login"},
    {Endpoint::refresh, "POST", "/auth/refresh", "refresh"},
    {Endpoint::logout, "POST", "/auth/logout", "logout"},
    {Endpoint::logout_all, "POST", "/auth/logout-all", "logout_all"},
    {Endpoint::password, "POST", "/auth/password", "password"},
    {Endpoint::resource, "GET", "/api/resource", "resource"},
    {Endpoint::ban, "POST", "/admin/ban", "ban"},
    {Endpoint::unban, "POST", "/admin/unban", "unban"},
    {Endpoint::rotate_secret, "POST", "/admin/rotate-secret", "rotate_secret"},
    {Endpoint::reset_request, "POST", "/auth/reset-request", "reset_request"},
    {Endpoint::reset, "POST", "/auth/reset", "reset"},
    {Endpoint::public_resource, "GET", "/api/public", "public"},
    {Endpoint::jwks, "GET", "/.well-known/jwks.json", "jwks"},
    {Endpoint::metrics, "GET", "/metrics", "metrics"},
    {Endpoint::healthz, "GET", "/healthz", "healthz"},
};

// The endpoint a request path names, or `other`.
constexpr Endpoint endpoint_at(std::string_view path) {
  for (const auto& row : endpoint_table)
    if (row.path == path) return row.endpoint;
  return Endpoint::other;
}
constexpr const EndpointRow& row_of(Endpoint endpoint) { return endpoint_table[static_cast<std::size_t>(endpoint)]; }
constexpr std::string_view path_of(Endpoint endpoint) { return row_of(endpoint).path; }
constexpr std::string_view method_of(Endpoint endpoint) { return row_of(endpoint).method; }
constexpr std::string_view label_of(Endpoint endpoint) {
  return endpoint == Endpoint::other ? std::string_view("other") : row_of(endpoint).label;
}

// The table is indexed by the enum: a row out of place is a build error.
constexpr bool table_in_enum_order() {
  for (std::size_t i = 0; i < std::size(endpoint_table); ++i)
    if (static_cast<std::size_t>(endpoint_table[i].endpoint) != i) return false;
  return std::size(endpoint_table) + 1 == endpoint_count;
}
static_assert(table_in_enum_order());

}  // namespace revbench::contract

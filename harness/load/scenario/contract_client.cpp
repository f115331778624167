#include "harness/load/scenario/contract_client.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "harness/contract/endpoint.hpp"
#include "harness/contract/json_member.hpp"

namespace revbench::load {
namespace json = boost::json;
using contract::Endpoint;

namespace {

LoadRequest to(Endpoint endpoint, std::string body = {}, std::string_view bearer = {}) {
  return LoadRequest{std::string(contract::method_of(endpoint)), std::string(contract::path_of(endpoint)),
                     std::move(body), std::string(bearer)};
}

std::string body(std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
  json::object object;
  for (const auto& [name, value] : members) object[name] = value;
  return json::serialize(object);
}

}  // namespace

namespace requests {

LoadRequest login(std::string_view user, std::string_view password, std::string_view device) {
  json::object object{{"user", user}, {"password", password}};
  if (!device.empty()) object["device"] = device;
  return to(Endpoint::login, json::serialize(object));
}
LoadRequest refresh(std::string_view refresh_token) {
  return to(Endpoint::refresh, body({{"refresh_token", refresh_token}}));
}
LoadRequest resource(std::string_view access_token) { return to(Endpoint::resource, {}, access_token); }
LoadRequest logout(std::string_view access_token, std::string_view refresh_token) {
  return to(Endpoint::logout, refresh_token.empty() ? std::string() : body({{"refresh_token", refresh_token}}),
            access_token);
}
LoadRequest logout_all(std::string_view access_token) { return to(Endpoint::logout_all, {}, access_token); }
LoadRequest change_password(std::string_view access_token, std::string_view old_password, std::string_view new_password) {
  return to(Endpoint::password, body({{"old", old_password}, {"new", new_password}}), access_token);
}
LoadRequest ban(std::string_view admin_token, std::string_view user) {
  return to(Endpoint::ban, body({{"user", user}}), admin_token);
}
LoadRequest unban(std::string_view admin_token, std::string_view user) {
  return to(Endpoint::unban, body({{"user", user}}), admin_token);
}
LoadRequest rotate_secret(std::string_view admin_token) { return to(Endpoint::rotate_secret, {}, admin_token); }
LoadRequest reset_request(std::string_view user) { return to(Endpoint::reset_request, body({{"user", user}})); }
LoadRequest reset(std::string_view reset_token, std::string_view new_password) {
  return to(Endpoint::reset, body({{"reset_token", reset_token}, {"new_password", new_password}}));
}
LoadRequest healthz() { return to(Endpoint::healthz); }
LoadRequest public_resource() { return to(Endpoint::public_resource); }

}  // namespace requests

bool succeeded(const LoadResponse& response) { return response.status >= 200 && response.status < 300; }

std::optional<Grant> grant_of(const LoadResponse& response) {
  if (response.status != 200) return std::nullopt;
  auto access = contract::string_member(response.body, "access_token");
  if (!access) return std::nullopt;
  return Grant{std::move(*access), contract::string_member(response.body, "refresh_token").value_or(std::string()),
               contract::number_member(response.body, "expires_in")};
}

ChangeAnswer change_answer(const LoadResponse& response) {
  if (response.status == 204) return ChangeAnswer::revoked;
  if (response.status == 202 && contract::string_member(response.body, "status") == "revocation_pending")
    return ChangeAnswer::revocation_pending;
  return ChangeAnswer::not_made;
}

std::string refusal_reason(const LoadResponse& response) {
  return contract::string_member(response.body, "reason").value_or(std::string());
}

std::string reset_token_of(const LoadResponse& response) {
  return contract::string_member(response.body, "reset_token").value_or(std::string());
}

std::string strategy_of(const LoadResponse& healthz_response) {
  return contract::string_member(healthz_response.body, "strategy").value_or(std::string());
}

}  // namespace revbench::load

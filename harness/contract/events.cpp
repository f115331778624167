#include "harness/contract/events.hpp"

#include <utility>

#include "harness/contract/name_table.hpp"

namespace revbench::contract {
namespace {

constexpr std::pair<Event, std::string_view> event_names[] = {
    {Event::logout, "logout"},
    {Event::logout_all, "logout_all"},
    {Event::password_change, "password_change"},
    {Event::ban, "ban"},
    {Event::stolen_access_token, "stolen_access_token"},
    {Event::stolen_refresh_thief_first, "stolen_refresh_thief_first"},
    {Event::stolen_refresh_victim_first, "stolen_refresh_victim_first"},
    {Event::secret_rotation, "secret_rotation"},
    {Event::reset_token_replay, "reset_token_replay"},
};

constexpr std::pair<Promise, std::string_view> promise_names[] = {
    {Promise::immediate, "immediate"},
    {Promise::after_access_ttl, "after_access_ttl"},
    {Promise::within_bound, "within_bound"},
    {Promise::not_revoked, "not_revoked"},
    {Promise::not_applicable, "not_applicable"},
};

}  // namespace

std::string_view to_string(Event event) { return name_in(event_names, event); }
std::optional<Event> parse_event(std::string_view text) { return value_in(event_names, text); }
std::string_view to_string(Promise promise) { return name_in(promise_names, promise); }
std::optional<Promise> parse_promise(std::string_view text) { return value_in(promise_names, text); }

const std::vector<Event>& all_events() {
  static const std::vector<Event> events = values_in(event_names);
  return events;
}

}  // namespace revbench::contract

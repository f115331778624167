#pragma once
// The events every strategy states a promise for, and the promises
// (DESIGN.md, "Semantics every strategy must state"), each with its one
// spelling: scenario scripts name events by it, results files carry both.
#include <optional>
#include <string_view>
#include <vector>

namespace revbench::contract {

enum class Event {
  logout,                       // single-device logout
  logout_all,
  password_change,
  ban,
  stolen_access_token,          // the thief replays an access token after its owner logged out
  stolen_refresh_thief_first,   // the thief refreshes before the victim does
  stolen_refresh_victim_first,  // the victim refreshes first, then the thief tries
  secret_rotation,
  reset_token_replay,
};
std::string_view to_string(Event event);
std::optional<Event> parse_event(std::string_view text);
const std::vector<Event>& all_events();

// What happens to the token that the event should kill.
enum class Promise {
  immediate,            // rejected on its next use
  after_access_ttl,     // keeps working until it expires
  within_bound,         // rejected at once where revoked, everywhere within `bound` (a fleet's propagation)
  not_revoked,          // the event revokes nothing: the token works until a later event (or its expiry)
  not_applicable,       // the strategy issues no such token
};
std::string_view to_string(Promise promise);
std::optional<Promise> parse_promise(std::string_view text);

}  // namespace revbench::contract

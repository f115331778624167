#include "strategies/strategy.hpp"

#include <stdexcept>
#include <string>

namespace revbench::strategies {

std::string_view to_string(Event event) {
  switch (event) {
    case Event::logout: return "logout";
    case Event::logout_all: return "logout_all";
    case Event::password_change: return "password_change";
    case Event::ban: return "ban";
    case Event::stolen_access_token: return "stolen_access_token";
    case Event::stolen_refresh_thief_first: return "stolen_refresh_thief_first";
    case Event::stolen_refresh_victim_first: return "stolen_refresh_victim_first";
    case Event::secret_rotation: return "secret_rotation";
    case Event::reset_token_replay: return "reset_token_replay";
  }
  return "unknown";
}

const std::vector<Event>& all_events() {
  static const std::vector<Event> events{Event::logout,
                                         Event::logout_all,
                                         Event::password_change,
                                         Event::ban,
                                         Event::stolen_access_token,
                                         Event::stolen_refresh_thief_first,
                                         Event::stolen_refresh_victim_first,
                                         Event::secret_rotation,
                                         Event::reset_token_replay};
  return events;
}

Outcome<Principal> Strategy::verify_in_process(Context&, std::string_view) {
  // Only reached through a bug: the endpoints ask verifies_in_process() first.
  throw std::logic_error(std::string(name()) + " waits on a store to verify; it has no in-process verify");
}

std::string_view to_string(Promise promise) {
  switch (promise) {
    case Promise::immediate: return "immediate";
    case Promise::after_access_ttl: return "after_access_ttl";
    case Promise::everyone_logged_out: return "everyone_logged_out";
    case Promise::within_bound: return "within_bound";
    case Promise::not_revoked: return "not_revoked";
    case Promise::not_applicable: return "not_applicable";
  }
  return "unknown";
}

}  // namespace revbench::strategies

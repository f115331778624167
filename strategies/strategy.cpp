#include "strategies/strategy.hpp"

#include <stdexcept>
#include <string>

namespace revbench::strategies {

Outcome<Principal> Strategy::verify_in_process(Context&, std::string_view) {
  // Only reached through a bug: the endpoints ask verifies_in_process() first.
  throw std::logic_error(std::string(name()) + " waits on a store to verify; it has no in-process verify");
}

}  // namespace revbench::strategies

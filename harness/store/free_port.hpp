#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace revbench::store {

// A TCP port on 127.0.0.1 that nothing listened on a moment ago. Another
// process may take it before the caller binds it: a server started on it
// that finds it taken (PortTaken) is started again on another.
std::uint16_t free_loopback_port();

// A server of ours could not listen: its port was taken meanwhile.
class PortTaken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Whether a server's log says its listening port was in use (redis-server and postgres say it alike).
bool says_port_taken(const std::string& log);
// Tries `start(port)` on fresh free ports until one is not taken (a few tries).
template <typename Start>
std::uint16_t start_on_a_free_port(Start&& start, std::uint16_t first = 0) {
  constexpr int tries = 5;
  for (int attempt = 1;; ++attempt) {
    const std::uint16_t port = attempt == 1 && first != 0 ? first : free_loopback_port();
    try {
      start(port);
      return port;
    } catch (const PortTaken&) {
      if (attempt == tries) throw;
    }
  }
}

}  // namespace revbench::store

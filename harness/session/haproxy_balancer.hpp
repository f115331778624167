#pragma once
// HAProxy in front of a run's instances, started for the run and stopped
// with it (it dies with revbench, as the stores do): the generator talks to
// one address and the balancer spreads the requests as `Balancing` says.
// Every answer it passes on names the instance that served it
// (`Revbench-Instance: N`, 1-based, in the order given), so a client that
// sees only the balancer still knows which instance refused or accepted.
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/network/balancing.hpp"
#include "harness/store/child_process.hpp"
#include "harness/store/temp_dir.hpp"

namespace revbench::session {

// The header the balancer adds to every answer, and the cookie `sticky` sets.
inline constexpr const char* served_by_header = "Revbench-Instance";
inline constexpr const char* sticky_cookie = "REVBENCH_INSTANCE";

// HAProxy's configuration for these instances, listening on 127.0.0.1:port.
std::string haproxy_config(const std::vector<load::HttpTarget>& instances, network::Balancing balancing, std::uint16_t port);

class HaproxyBalancer {
 public:
  // Starts haproxy (from PATH) on a free loopback port and waits until it
  // answers; throws with its log when it does not. `balancing` is not none.
  HaproxyBalancer(const std::vector<load::HttpTarget>& instances, network::Balancing balancing);
  ~HaproxyBalancer();
  HaproxyBalancer(const HaproxyBalancer&) = delete;
  HaproxyBalancer& operator=(const HaproxyBalancer&) = delete;

  load::HttpTarget target() const { return {"127.0.0.1", port_}; }

 private:
  void start(const std::vector<load::HttpTarget>& instances, network::Balancing balancing);

  store::TempDir dir_;
  std::uint16_t port_ = 0;
  store::ChildProcess process_;
};

}  // namespace revbench::session

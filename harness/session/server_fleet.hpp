#pragma once
// The servers a run measures: one in-process server, or N `revbench serve`
// processes on the same stores (a fleet behind a load balancer), sharing
// keys through a seed passed in their environment.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/store/child_process.hpp"
#include "strategies/registry.hpp"

namespace revbench::server {
class HttpServer;
}

namespace revbench::session {

// Where one instance reaches its stores.
struct StoreUrls {
  std::string redis;
  std::string subscriber_redis;  // the strategies' pub/sub subscriber
  std::string pg;
  // Where its checks read (--read-from replica); empty: the primaries above.
  std::string redis_replica;
  std::string pg_replica;
};

struct FleetOptions {
  std::string strategy;
  strategies::StrategyOptions strategy_options;
  int threads = 1;                // per instance
  std::vector<StoreUrls> stores;  // one per instance: as many instances
  std::string admin_token;
  std::string log_dir;  // where the instances' logs go (N > 1)
  // How long an instance may take to start: its stores, and its strategy's
  // memory catching up with them (longer on stores holding a population).
  std::chrono::seconds ready_wait{15};
};

class ServerFleet {
 public:
  // Starts every instance and waits until each answers /healthz; throws
  // with the instance's log when one does not come up.
  explicit ServerFleet(const FleetOptions& options);
  ~ServerFleet();
  ServerFleet(const ServerFleet&) = delete;
  ServerFleet& operator=(const ServerFleet&) = delete;

  const std::vector<load::HttpTarget>& targets() const { return targets_; }
  // The strategy as configured (its promises), whichever process runs it.
  const strategies::Strategy& strategy() const { return *strategy_; }
  // Seconds from starting the instances until every one served with its
  // strategy's memory caught up with the stores.
  double ready_seconds() const { return ready_seconds_; }
  // Each instance process's resident memory now (VmRSS); empty when the
  // one instance runs inside this process, whose memory is the generator's too.
  std::vector<long long> resident_bytes() const;

 private:
  std::unique_ptr<strategies::Strategy> strategy_;
  std::unique_ptr<server::HttpServer> local_;
  std::vector<store::ChildProcess> children_;
  std::vector<load::HttpTarget> targets_;
  double ready_seconds_ = 0;
};

}  // namespace revbench::session

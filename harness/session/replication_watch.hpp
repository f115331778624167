#pragma once
// How far the replicas were behind their primaries during a run, as the
// stores themselves say: every 10 ms, the primary's position in its
// replication stream against the replica's, in bytes (Redis offsets,
// PostgreSQL WAL positions), and PostgreSQL's own replay lag. The figures
// beside the revocation lag the actors measured: that one is what users saw,
// this one what an operator's dashboard would have shown.
#include <atomic>
#include <thread>
#include <vector>

#include "results/scenario_results.hpp"

namespace revbench::store {
class Stores;
}

namespace revbench::session {

class ReplicationWatch {
 public:
  // Starts sampling the stores' replicas, when they have any.
  explicit ReplicationWatch(const store::Stores& stores);
  ~ReplicationWatch();
  ReplicationWatch(const ReplicationWatch&) = delete;
  ReplicationWatch& operator=(const ReplicationWatch&) = delete;

  // Stops sampling; what it saw, or an empty list without replicas.
  std::vector<results::ReplicaView> finish();

 private:
  void sample_until_stopped();

  const store::Stores& stores_;
  std::atomic<bool> stop_{false};
  std::vector<double> redis_behind_, pg_behind_, pg_replay_lag_;
  std::thread thread_;
};

}  // namespace revbench::session

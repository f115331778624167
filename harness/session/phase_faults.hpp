#pragma once
// The faults of a scenario's phases (`faults:` in its script), each for the
// whole of the phase it names: a store of the embedded Redis and PostgreSQL
// killed (SIGKILL, restarted when the phase ends; under Sentinel the
// Sentinels fail the Redis primary over, and a PostgreSQL primary with a
// standby is failed over by this as a failover manager would: its standby
// promoted at once, the dead one rebuilt as the new standby when the phase ends) or stopped (SIGSTOP, then
// SIGCONT), the Redis primary under Sentinel isolated from its peers, and a
// run's link partitioned, reset, slowed or cutting
// connections (lifted when the phase ends). After each phase the servers'
// /healthz is asked until every instance answers 200: how long their clients
// took to be back.
//
// The work runs on a thread of its own: a restart blocks for as long as the
// store takes to come back, and the actors must not wait for that. The thread
// lives as long as this object, because a restarted store is killed when the
// thread that forked it ends (PR_SET_PDEATHSIG): destroy it after the stores.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/load/scenario_stats.hpp"
#include "harness/store/embedded_stores.hpp"
#include "scenarios/scenario_network.hpp"

namespace revbench::session {

class RunLinks;
class RedisFrontLinks;

class PhaseFaults {
 public:
  using Clock = std::chrono::steady_clock;

  // The stores store faults act on; null when there are none of revbench's.
  // Under Sentinel, the links in front of its Redis instances, which isolate cuts.
  explicit PhaseFaults(store::Stores* stores, RedisFrontLinks* front_links = nullptr);
  ~PhaseFaults();
  PhaseFaults(const PhaseFaults&) = delete;
  PhaseFaults& operator=(const PhaseFaults&) = delete;

  // Before a run: its faults, the run's links (which outlive finish()), the
  // servers to watch, and when its first phase starts.
  void arm(const load::Scenario& scenario, const scenarios::ScenarioNetwork& network, RunLinks& links,
           std::vector<load::HttpTarget> instances);
  // From the runner's thread as a phase starts (does not block).
  void phase_started(const std::string& phase, Clock::time_point ends);
  // After the run: waits until every fault is undone and the servers answer
  // again; the faults as they happened, and the store ops the servers
  // announced answering /healthz meanwhile.
  struct ProbeOps {
    std::uint64_t redis = 0, pg = 0;
  };
  struct Finished {
    std::vector<load::FaultRecord> records;
    ProbeOps probe_ops;
  };
  Finished finish();

  // Throws std::invalid_argument when a store fault names a store that is not embedded.
  static void require_embedded(const load::Scenario& scenario, const store::Stores* stores);
  static bool has_faults(const load::Scenario& scenario, const scenarios::ScenarioNetwork& network) {
    return !scenario.faults.empty() || !network.faults.empty();
  }

 private:
  struct Job {
    std::vector<load::Fault> store_faults;
    std::vector<scenarios::LinkPhaseFault> link_faults;
    Clock::time_point ends;
  };
  void work();
  void inject(const Job& job);
  store::EmbeddedRedis& redis_primary() const;
  void kill(load::FaultStore store);
  void restart(load::FaultStore store);
  void signal(load::FaultStore store, int sig) const;
  void isolate();
  void rejoin();
  // Waits until the Sentinels name a primary other than `isolated` (true) or `until` passes (false).
  bool promoted_other_than(const store::EmbeddedRedis* isolated, Clock::time_point until) const;
  // Asks every instance's /healthz until all answer 200 (true) or `until` passes (false).
  bool all_answer(const std::vector<load::HttpTarget>& instances, Clock::time_point until, ProbeOps& probe_ops) const;

  store::Stores* stores_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool busy_ = false;
  bool quit_ = false;
  std::vector<load::Fault> armed_store_faults_;
  std::vector<scenarios::LinkPhaseFault> armed_link_faults_;
  RunLinks* links_ = nullptr;
  std::vector<load::HttpTarget> instances_;
  Clock::time_point run_start_{};
  std::vector<load::FaultRecord> records_;
  ProbeOps probe_ops_;
  RedisFrontLinks* front_links_;
  store::EmbeddedRedis* killed_redis_ = nullptr;    // the fault thread's: killed, to be restarted
  store::EmbeddedRedis* isolated_redis_ = nullptr;  // the fault thread's: cut off, to rejoin
  std::thread thread_;  // last: started once everything it uses exists
};

}  // namespace revbench::session

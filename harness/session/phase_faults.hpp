#pragma once
// Store faults of a scenario (`faults:` in its script), injected into the
// embedded Redis and PostgreSQL for the whole of the phase each names:
// SIGKILL and a restart when the phase ends, or SIGSTOP and SIGCONT.
//
// The work runs on a thread of its own: a restart blocks for as long as the
// store takes to come back, and the actors must not wait for that. The thread
// lives as long as this object, because a restarted store is killed when the
// thread that forked it ends (PR_SET_PDEATHSIG): destroy it after the stores.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/load/scenario_stats.hpp"
#include "harness/store/embedded_stores.hpp"

namespace revbench::session {

class StoreFaults {
 public:
  using Clock = std::chrono::steady_clock;

  // Throws std::invalid_argument when a fault names a store that is not embedded.
  StoreFaults(const store::Stores& stores);
  ~StoreFaults();
  StoreFaults(const StoreFaults&) = delete;
  StoreFaults& operator=(const StoreFaults&) = delete;

  // Before a run: its faults, the servers to watch, and when its first phase starts.
  void arm(const load::Scenario& scenario, std::vector<load::HttpTarget> instances);
  // From the runner's thread as a phase starts (does not block).
  void phase_started(const std::string& phase, Clock::time_point ends);
  // After the run: waits until every fault is undone and the servers answer again.
  std::vector<load::FaultRecord> finish();

  static void require_embedded(const load::Scenario& scenario, const store::Stores* stores);

 private:
  struct Job {
    std::vector<load::Fault> faults;
    Clock::time_point ends;
  };
  void work();
  void inject(const Job& job);
  void kill(load::FaultStore store) const;
  void restart(load::FaultStore store) const;
  void signal(load::FaultStore store, int sig) const;

  const store::Stores& stores_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> jobs_;
  bool busy_ = false;
  bool quit_ = false;
  std::vector<load::Fault> armed_;
  std::vector<load::HttpTarget> instances_;
  Clock::time_point run_start_{};
  std::vector<load::FaultRecord> records_;
  std::thread thread_;  // last: started once everything it uses exists
};

}  // namespace revbench::session

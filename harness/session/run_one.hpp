#pragma once
// One run: a strategy through a scenario, on servers it starts (a fleet on
// the session's stores) or on servers someone else runs, measured and judged.
// The session (session.hpp) calls it for every pair; reporters format what it
// returns (google/benchmark's runner and reporter split).
#include <chrono>
#include <atomic>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/network/balancing.hpp"
#include "harness/network/link_tier.hpp"
#include "harness/session/run_place.hpp"
#include "harness/store/topology.hpp"
#include "results/scenario_results.hpp"
#include "scenarios/scenario_network.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::store {
class Stores;
}

namespace revbench::session {

class RunObserver;
class PhaseFaults;

// What one run is: its strategy and scenario, and where it runs. The
// topology (links, replicated stores, a balancer), the population and a
// segment of a distributed run are the next parts of a run to land here.
struct RunSpec {
  std::string strategy;
  const load::Scenario* scenario = nullptr;
  const scenarios::ScenarioNetwork* network = nullptr;  // the script's links and link faults
  strategies::StrategyOptions strategy_options;  // access_ttl: the scenario's
  int instances = 1;
  int server_threads = 1;
  std::vector<load::HttpTarget> targets;  // servers someone else runs; empty: start them
  std::string admin_token;
  int first_user = 1;  // the first seeded user its actors log in as
  RunPlace place;      // in the session, for the progress line
  std::string sweep_axis, sweep_point;  // in a sweep: "store_rtt", "10ms" (as RunLabel)
  store::ReadFrom read_from = store::ReadFrom::primary;  // the checks: a replica's answers when the stores have one
  network::Balancing balancing = network::Balancing::none;  // a balancer started in front of the instances
  std::chrono::seconds ready_wait{15};  // how long the instances may take to start, catch-up included
};

// What the runs of one session share.
struct RunEnvironment {
  store::Stores* stores = nullptr;  // the embedded or given stores; null with targets
  PhaseFaults* faults = nullptr;    // when a scenario has faults
  std::string log_dir;              // the fleet's logs
  const std::atomic<bool>* stop = nullptr;
  std::vector<RunObserver*> observers;
  std::vector<network::LinkSetting> links;  // on the tiers of this run
};

results::ScenarioRun run_one(const RunSpec& spec, RunEnvironment& environment);

}  // namespace revbench::session

#pragma once
// A session of runs, what `revbench run` and `revbench compare` do: every
// scenario on every chosen strategy, each on fresh users and its own servers
// (or on servers someone else runs), one results file rewritten after every
// run, the terminal's table, thresholds and the promise verdicts.
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "strategies/strategy_options.hpp"

namespace revbench::session {

struct SessionSpec {
  std::string kind = "run";              // "run" or "compare", in the results file
  std::string command;                   // the exact command line (credentials redacted)
  std::optional<std::string> redis_url;  // given stores; otherwise embedded ones
  std::optional<std::string> pg_url;
  std::vector<std::string> scenarios;    // names (scenarios/<name>.yaml) or paths
  std::vector<std::string> strategies;   // names, or "all"
  std::vector<std::string> targets;      // servers someone else runs: no servers, no seeding
  int instances = 1;
  int server_threads = 1;                // per instance; the load gets the other core
  strategies::StrategyOptions strategy_options;  // access_ttl comes from each scenario
  std::string admin_token;               // for targets
  int first_user = 1;                    // for targets: the first seeded user to play
  std::string scenario_dir;
  std::string out;
  std::vector<std::string> thresholds;  // on every run; a script's own `thresholds:` on its runs
  bool list_only = false;                // print the runs the session would play and their time, start nothing
  std::vector<std::string> links;        // TIER=SHAPE: a link on a tier of every run
  std::vector<std::string> store_rtts;   // a sweep: every run again with the stores this far (0: direct)
  // Empty: each script's own `topology:` (single stores, reads from the primaries).
  std::string redis_topology;            // single, replicated, sentinel
  std::string pg_topology;               // single, standby, standby,sync
  std::string read_from;                 // primary, replica
  int min_replicas_to_write = 0;         // every replicated Redis refuses writes without this many replicas caught up
  std::string balancer;                  // none, haproxy[:roundrobin|leastconn|sticky]
  int metrics_port = -1;                 // >= 0: serve the client-side metrics while it runs (0: a free port)
  bool observe = false;                  // start a Prometheus scraping the servers and the load generator
  std::string observe_dir = "observe";   // its data, kept after the run
  int prometheus_port = 9090;
  std::string observe_config;            // the directory holding prometheus.yml
  std::string run_id;                    // --observe: the label on every scraped series; empty: the session's start time
  std::string hlog_out;                  // an HdrHistogram interval log of every run, one interval a second
  // Replace each script's `population:` numbers (contract/population.hpp).
  std::optional<long long> population_users;
  std::optional<long long> live_sessions;
  std::optional<long long> prior_revocations;
};

// Exit codes.
inline constexpr int session_ok = 0;
inline constexpr int threshold_violated = 3;
inline constexpr int promise_broken = 4;
inline constexpr int interrupted = 130;

// Bad input (an unknown scenario, strategy or threshold) throws before any
// server starts. With list_only: prints the runs and returns 0. Otherwise: 0 every promise kept and every threshold met; 3 a
// threshold violated; 4 a strategy broke a promise; 130 stopped by `stop`
// (the results hold the runs that completed, marked incomplete).
int run_session(const SessionSpec& spec, const std::atomic<bool>& stop);

}  // namespace revbench::session

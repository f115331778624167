#pragma once
// What `revbench run` and `revbench compare` share: every scenario on every
// chosen strategy, each on fresh users and its own servers (or on servers
// someone else runs), one results file, a terminal table, thresholds and the
// promise verdicts.
#include <memory>
#include <string>
#include <vector>

#include "harness/cli/commands.hpp"

namespace CLI {
class App;
}

namespace revbench::cli {

struct SessionOptions {
  std::string kind = "run";              // "run" or "compare", in the results file
  std::string command;                   // the exact command line
  StoreOptions stores;
  std::vector<std::string> scenarios;    // names (scenarios/<name>.yaml) or paths
  std::vector<std::string> strategies;   // names, or "all"
  std::vector<std::string> targets;      // servers someone else runs: no servers, no seeding
  int instances = 1;
  int server_threads = 1;                // per instance; the load gets the other core
  int refresh_grace = 0;
  int rotation_overlap = 0;
  int freshness = 1;
  int clock_skew_ms = 250;
  bool fail_open = false;
  std::string admin_token;               // for --target (or REVBENCH_ADMIN_TOKEN)
  int first_user = 1;                    // for --target: the first seeded user to play
  std::string scenario_dir;
  std::string out;
  std::vector<std::string> thresholds;
  int metrics_port = -1;                 // >= 0: serve the client-side metrics while it runs (0: a free port)
  bool observe = false;                  // start a Prometheus scraping the servers and the load generator
  std::string observe_dir = "observe";   // its data, kept after the run
  int prometheus_port = 9090;
  std::string observe_config;            // the directory holding prometheus.yml
};

// The options both commands take, with their defaults (every strategy, the
// shipped scenario directory), registered on `command`.
std::shared_ptr<SessionOptions> add_session_options(CLI::App& command, std::string kind, std::string command_line);

// 0: every promise kept and every threshold met; 3: a threshold violated;
// 4: a strategy broke a promise; 130: interrupted (results marked incomplete).
int run_session(const SessionOptions& options);

}  // namespace revbench::cli

// `revbench compare`: the README's main job. Every strategy through every
// shipped scenario on the same embedded stores, measured the same way, side
// by side; exits non-zero when a strategy breaks a promise it states.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "harness/cli/commands.hpp"
#include "harness/cli/session_options.hpp"
#include "scenarios/scenario_parser.hpp"

namespace revbench::cli {

namespace {

// `--quick`: a first look in under three minutes, the five kinds of
// strategy the README names through the core of what they promise.
const std::vector<std::string> quick_strategies{"short-ttl", "redis-denylist", "pg-token-version", "refresh-rotation",
                                                "secret-rotation"};
const std::vector<std::string> quick_scenarios{"steady-browse", "logout", "access-token-theft", "refresh-theft-thief-first"};

}  // namespace

Action add_compare_command(CLI::App& app, const std::string& command_line) {
  auto* command = app.add_subcommand("compare", "Run every shipped scenario on every strategy and print them side by side");
  command->footer(
      "Examples:\n"
      "  revbench compare                               # the main set on every strategy (about 18 minutes)\n"
      "  revbench compare --quick                       # five strategies, four scenarios (under 3 minutes)\n"
      "  revbench compare --set network --list          # what the network set would play, and for how long\n"
      "  revbench compare --scenario logout --strategy redis-denylist --store-rtt 0,1ms,5ms");
  auto o = add_session_options(*command, "compare", command_line);
  o->out = "revbench-compare.json";
  auto sets = std::make_shared<std::vector<std::string>>();
  auto* scenario = command->add_option("--scenario", o->scenarios, "Scenarios to run (default: the scripts of --set)");
  auto* set = command->add_option("--set", *sets, "Named sets of shipped scripts to run: main (the default), races, all, ...")
                  ->excludes(scenario);
  auto quick = std::make_shared<bool>(false);
  command->add_flag("--quick", *quick,
                    "A first look: short-ttl, redis-denylist, pg-token-version, refresh-rotation and secret-rotation "
                    "through steady-browse, logout, access-token-theft and refresh-theft-thief-first")
      ->excludes(scenario)
      ->excludes(set)
      ->excludes(command->get_option("--strategy"));
  return [o, sets, quick] {
    if (*quick) {
      o->scenarios = quick_scenarios;
      o->strategies = quick_strategies;
    }
    if (o->scenarios.empty())
      o->scenarios = scenarios::scenarios_in_sets(o->scenario_dir, sets->empty() ? std::vector<std::string>{"main"} : *sets);
    return play_session(*o);
  };
}

}  // namespace revbench::cli

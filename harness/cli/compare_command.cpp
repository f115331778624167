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

Action add_compare_command(CLI::App& app, const std::string& command_line) {
  auto* command = app.add_subcommand("compare", "Run every shipped scenario on every strategy and print them side by side");
  auto o = add_session_options(*command, "compare", command_line);
  o->out = "revbench-compare.json";
  auto sets = std::make_shared<std::vector<std::string>>();
  auto* scenario = command->add_option("--scenario", o->scenarios, "Scenarios to run (default: the scripts of --set)");
  command->add_option("--set", *sets, "Named sets of shipped scripts to run: main (the default), races, all, ...")
      ->excludes(scenario);
  return [o, sets] {
    if (o->scenarios.empty())
      o->scenarios = scenarios::scenarios_in_sets(o->scenario_dir, sets->empty() ? std::vector<std::string>{"main"} : *sets);
    return play_session(*o);
  };
}

}  // namespace revbench::cli

// `revbench run SCENARIO... --strategy NAME|all`: play scenario scripts
// against each strategy and write one results file.
#include <CLI/CLI.hpp>

#include "harness/cli/commands.hpp"
#include "harness/cli/session_options.hpp"

namespace revbench::cli {

Action add_run_command(CLI::App& app, const std::string& command_line) {
  auto* command = app.add_subcommand("run", "Play scenario scripts against strategies and write a results file");
  auto o = add_session_options(*command, "run", command_line);
  command->add_option("scenarios", o->scenarios, "Scenario names (scenarios/<name>.yaml) or paths to scripts")->required();
  return [o] { return play_session(*o); };
}

}  // namespace revbench::cli

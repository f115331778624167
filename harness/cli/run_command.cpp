// `revbench run SCENARIO... --strategy NAME|all`: play scenario scripts
// against each strategy and write one results file.
#include <CLI/CLI.hpp>

#include "harness/cli/commands.hpp"
#include "harness/cli/session_options.hpp"

namespace revbench::cli {

Action add_run_command(CLI::App& app, const std::string& command_line) {
  auto* command = app.add_subcommand("run", "Play scenario scripts against strategies and write a results file");
  command->footer(
      "Examples:\n"
      "  revbench run logout --strategy redis-denylist --threshold 'lag_max<10ms'\n"
      "  revbench run my-script.yaml --strategy all --out mine.json\n"
      "  revbench run logout --strategy local-denylist --instances 2 --link subscriber-redis=40ms");
  auto o = add_session_options(*command, "run", command_line);
  command->add_option("scenarios", o->scenarios, "Scenario names (scenarios/<name>.yaml) or paths to scripts")->required();
  return [o] { return play_session(*o); };
}

}  // namespace revbench::cli

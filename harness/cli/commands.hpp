#pragma once
// The revbench subcommands. Each registers its options on the CLI11 app and
// returns the action to run when it is chosen.
#include <functional>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace revbench::cli {

using Action = std::function<int()>;

// Options every command that touches the stores shares.
struct StoreOptions {
  std::optional<std::string> redis_url;
  std::optional<std::string> pg_url;
};
void add_store_options(CLI::App& command, StoreOptions& options);
// --redis-url and --pg-url, or REVBENCH_REDIS_URL and REVBENCH_PG_URL (as `revbench stores` prints them).
void add_store_url_options(CLI::App& command, std::optional<std::string>& redis_url, std::optional<std::string>& pg_url);

Action add_stores_command(CLI::App& app);
Action add_smoke_command(CLI::App& app);
Action add_serve_command(CLI::App& app);
Action add_seed_command(CLI::App& app);
// The load command records its own command line in its results file.
Action add_load_command(CLI::App& app, const std::string& command_line);
Action add_lag_command(CLI::App& app, const std::string& command_line);
Action add_compare_command(CLI::App& app, const std::string& command_line);
Action add_run_command(CLI::App& app, const std::string& command_line);
Action add_report_command(CLI::App& app);
Action add_export_command(CLI::App& app);
Action add_diff_command(CLI::App& app);
Action add_link_command(CLI::App& app);

}  // namespace revbench::cli

// revbench: JWT invalidation strategies, measured.
#include <CLI/CLI.hpp>

#include <iostream>

#include "harness/cli/commands.hpp"
#include "harness/contract/build_identity.hpp"
#include "harness/cli/exit_codes.hpp"
#include "harness/cli/open_file_limit.hpp"
#include "harness/store/broken_pipes.hpp"
#include "results/results_file.hpp"
#include "scenarios/scenario_parser.hpp"

namespace revbench::cli {

void add_store_url_options(CLI::App& command, std::optional<std::string>& redis_url, std::optional<std::string>& pg_url) {
  command.add_option("--redis-url", redis_url, "redis://host:port of a Redis to use instead of an embedded one")
      ->envname("REVBENCH_REDIS_URL");
  command.add_option("--pg-url", pg_url,
                     "libpq URL of a PostgreSQL to use instead of an embedded one (postgresql://user@host:port/db)")
      ->envname("REVBENCH_PG_URL");
}

void add_store_options(CLI::App& command, StoreOptions& options) {
  add_store_url_options(command, options.redis_url, options.pg_url);
}

}  // namespace revbench::cli

int main(int argc, char** argv) {
  namespace cli = revbench::cli;
  CLI::App app{"revbench: measure how JWT invalidation strategies behave under load"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "revbench " + revbench::contract::build_description());
  app.footer(cli::exit_codes_help);
  const revbench::cli::Action actions[] = {
      revbench::cli::add_stores_command(app),
      revbench::cli::add_smoke_command(app),
      revbench::cli::add_serve_command(app),
      revbench::cli::add_seed_command(app),
      revbench::cli::add_load_command(app, revbench::results::command_line(argc, argv)),
      revbench::cli::add_lag_command(app, revbench::results::command_line(argc, argv)),
      revbench::cli::add_compare_command(app, revbench::results::command_line(argc, argv)),
      revbench::cli::add_run_command(app, revbench::results::command_line(argc, argv)),
      revbench::cli::add_report_command(app),
      revbench::cli::add_export_command(app),
      revbench::cli::add_diff_command(app),
      revbench::cli::add_link_command(app),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);  // prints the help, the version or what is wrong
    return status == 0 ? 0 : cli::bad_input;
  }
  revbench::cli::raise_open_file_limit();
  revbench::store::ignore_broken_pipes();
  try {
    const auto chosen = app.get_subcommands();
    const auto all = app.get_subcommands({});
    for (std::size_t i = 0; i < all.size(); ++i)
      if (all[i] == chosen.front()) return actions[i]();
  } catch (const std::invalid_argument& e) {
    std::cerr << "revbench: " << e.what() << "\n";
    return cli::bad_input;
  } catch (const revbench::scenarios::ScenarioError& e) {
    std::cerr << "revbench: " << e.what() << "\n";
    return cli::bad_input;
  } catch (const std::exception& e) {
    std::cerr << "revbench: " << e.what() << "\n";
    return cli::failed;
  }
  return cli::failed;  // no command ran: CLI11 required one
}

// `revbench diff OLD NEW`: two sets of results compared figure by figure.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "harness/cli/commands.hpp"
#include "harness/cli/exit_codes.hpp"
#include "results/results_diff.hpp"

namespace revbench::cli {
namespace {

struct DiffOptions {
  std::string old_files;  // comma-separated: the repeats of one side
  std::string new_files;
  std::vector<std::string> metrics;
};

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto comma = text.find(',', start);
    parts.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

}  // namespace

Action add_diff_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "diff", "Compare two sets of results figure by figure, as benchstat does: old and new medians, the change, "
              "and `~` when the repeats cannot tell it from noise");
  auto o = std::make_shared<DiffOptions>();
  command->add_option("old", o->old_files, "The old results: a file, or its repeats separated by commas")->required();
  command->add_option("new", o->new_files, "The new results, likewise (repeats pair with the old ones by their place)")
      ->required();
  command->add_option("--metric", o->metrics,
                      "A figure to compare, as `revbench export` names it (repeatable; default: latency_corrected.p50, "
                      "latency_corrected.p99, throughput, redis_ops_per_request, pg_ops_per_request, "
                      "revocation_lag.max, security.accepted_after_revoke, verdict.kept)");
  command->footer("Example:\n  revbench diff before-1.json,before-2.json,...,before-6.json after-1.json,...,after-6.json\n"
                  "  (six repeats a side or more give each change a 95% interval)");
  return [o] {
    const auto old_paths = split_commas(o->old_files), new_paths = split_commas(o->new_files);
    std::vector<std::string> every = old_paths;
    every.insert(every.end(), new_paths.begin(), new_paths.end());
    std::vector<results::ScenarioResultsFile> files;
    try {
      files = results::read_scenario_results(every);  // refuses a file given twice, on either side
    } catch (const std::exception& e) {
      std::cerr << "revbench diff: " << e.what() << "\n";
      return bad_input;
    }
    const std::vector<results::ScenarioResultsFile> old_side(files.begin(), files.begin() + static_cast<long>(old_paths.size()));
    const std::vector<results::ScenarioResultsFile> new_side(files.begin() + static_cast<long>(old_paths.size()), files.end());
    const auto rows = results::diff_results(old_side, new_side, o->metrics);
    if (rows.empty()) {
      std::cerr << "revbench diff: no figure named by --metric is in either side\n";
      return bad_input;
    }
    results::write_diff(std::cout, rows, old_side, new_side);
    return 0;
  };
}

}  // namespace revbench::cli

// `revbench report RESULTS...`: the design-decision report from results files.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "harness/cli/commands.hpp"
#include "harness/cli/exit_codes.hpp"
#include "results/report/production.hpp"
#include "results/report/report_files.hpp"
#include "results/results_file.hpp"

namespace revbench::cli {
namespace {

struct ReportOptions {
  std::vector<std::string> results;
  std::vector<std::string> requirements;
  std::string out = "report";
  std::string cost_scenario = "steady-browse";
  std::string storm_scenario = "secret-rotation-storm";
  std::string store_rtt;
  std::string status = "proposed";
  std::string deciders;
  std::string production;
};

std::string basename_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The command that regenerates the report beside its results files: names,
// not paths, so the report does not depend on where it was made.
std::string invocation(const ReportOptions& o) {
  std::string command = "revbench report";
  for (const auto& file : o.results) command += " " + basename_of(file);
  for (const auto& r : o.requirements) command += " --require '" + r + "'";
  if (o.cost_scenario != ReportOptions{}.cost_scenario) command += " --cost-scenario " + o.cost_scenario;
  if (o.storm_scenario != ReportOptions{}.storm_scenario) command += " --storm-scenario " + o.storm_scenario;
  if (!o.store_rtt.empty()) command += " --store-rtt " + o.store_rtt;
  if (o.status != ReportOptions{}.status) command += " --status " + results::shell_word(o.status);
  if (!o.deciders.empty()) command += " --deciders " + results::shell_word(o.deciders);
  if (!o.production.empty()) command += " --production " + results::shell_word(o.production);
  return command;
}

}  // namespace

Action add_report_command(CLI::App& app) {
  auto* command = app.add_subcommand("report", "Write the design-decision report (Markdown, SVG charts, one HTML file) from results files");
  auto o = std::make_shared<ReportOptions>();
  command->add_option("results", o->results, "Results files of `revbench run` or `compare` (several: repeats are merged)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option("--require", o->requirements,
                      "A decision driver: lag<1s, lag_p99<500ms, p99<5ms, store_ops<=1, thief_after_revoke==0, "
                      "collateral==0, false_theft==0, per-device-logout, theft-detection, no-store (repeatable)");
  command->add_option("--out", o->out, "Directory to write report.md, report.html and charts/ into")->capture_default_str();
  command->add_option("--cost-scenario", o->cost_scenario, "Scenario whose GET /api/resource is the hot path")
      ->capture_default_str();
  command->add_option("--storm-scenario", o->storm_scenario, "Scenario drawn as a timeline")->capture_default_str();
  command->add_option("--status", o->status, "The decision record's status in its front matter (MADR: proposed, accepted, ...)")
      ->capture_default_str();
  command->add_option("--deciders", o->deciders, "Who decides, for the front matter: 'Ana Lima, Bo Chen'");
  command->add_option("--production", o->production,
                      "Project each strategy's measured unit costs to your production: key=value pairs, or a file of "
                      "them one a line: access_ttl=15m,refresh_ttl=14d,rate=20000/s,instances=12,users=2000000,"
                      "sessions=2500000,revocations=50/s,store_rtt=1ms (any of them)");
  command->add_option("--store-rtt", o->store_rtt, "Of a sweep (--store-rtt, or a script's network.store_rtt), the point whose runs join the figures (as given to the sweep: 0, 1ms ...); without it the swept runs are in the charts against distance only");
  return [o] {
    try {
      results::report::ReportOptions options;
      for (const auto& r : o->requirements) options.requirements.push_back(results::report::parse_requirement(r));
      options.cost_scenario = o->cost_scenario;
      options.storm_scenario = o->storm_scenario;
      options.invocation = invocation(*o);
      options.status = o->status;
      options.deciders = o->deciders;
      if (!o->production.empty()) options.production = results::report::read_production(o->production);
      const auto results = results::report::load_results(o->results, o->store_rtt);
      for (const auto& file : results::report::write_report(o->out, results, options))
        std::cout << o->out << "/" << file << "\n";
      return 0;
    } catch (const std::exception& e) {
      std::cerr << "revbench report: " << e.what() << "\n";
      return bad_input;
    }
  };
}

}  // namespace revbench::cli

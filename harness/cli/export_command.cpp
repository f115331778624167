// `revbench export RESULTS... --format csv|jsonl|hgrm`: results files as tidy
// rows, or their histograms as HdrHistogram percentile distributions.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "harness/cli/commands.hpp"
#include "harness/cli/exit_codes.hpp"
#include "results/hgrm_files.hpp"
#include "results/tidy_rows.hpp"

namespace revbench::cli {
namespace {

struct ExportOptions {
  std::vector<std::string> results;
  std::string format = "csv";
  std::string out;  // empty: standard output
};

int export_hgrm(const ExportOptions& o) {
  if (o.out.empty()) {
    std::cerr << "revbench export: --format hgrm writes files: --out DIR names their directory\n";
    return bad_input;
  }
  std::vector<results::HgrmFile> files;
  try {
    for (const auto& file : results::read_scenario_results(o.results)) {
      auto more = results::hgrm_files(file);
      files.insert(files.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
  } catch (const std::exception& e) {
    std::cerr << "revbench export: " << e.what() << "\n";
    return bad_input;
  }
  for (const auto& file : files) {
    const auto path = std::filesystem::path(o.out) / file.path;
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary);
    out << file.text;
    out.flush();
    if (!out) {
      std::cerr << "revbench export: cannot write " << path.string() << "\n";
      return failed;
    }
  }
  std::cout << files.size() << " percentile distributions under " << o.out << "\n";
  return 0;
}

}  // namespace

Action add_export_command(CLI::App& app) {
  auto* command = app.add_subcommand(
      "export", "Write results files as tidy rows (file, run, strategy, scenario, store_rtt, replica_delay, balancer, phase, endpoint, metric, "
                "value, unit), one measurement a row: pandas.read_csv or read_json(lines=True) loads them as they are");
  auto o = std::make_shared<ExportOptions>();
  command->add_option("results", o->results, "Results files of `revbench run` or `compare`")->required()->check(CLI::ExistingFile);
  command->add_option("--format", o->format,
                      "csv, jsonl (one JSON object a line), or hgrm: every histogram as an HdrHistogram percentile "
                      "distribution (ms) under --out DIR, <file>/run-<N>-<strategy>-<scenario>/<phase>.<endpoint>.hgrm "
                      "and revocation_lag.hgrm")
      ->check(CLI::IsMember({"csv", "jsonl", "hgrm"}))
      ->capture_default_str();
  command->add_option("--out", o->out, "Write here instead of to standard output");
  command->footer("Examples:\n  revbench export results.json --format csv --out results.csv\n"
                  "  revbench export results.json --format hgrm --out hgrm/\n"
                  "  python3 -c \"import pandas; print(pandas.read_csv('results.csv').query('metric == \\\"latency_corrected.p99\\\"'))\"");
  return [o] {
    if (o->format == "hgrm") return export_hgrm(*o);
    std::vector<results::TidyRow> rows;
    try {
      for (const auto& file : results::read_scenario_results(o->results)) {
        auto more = results::tidy_rows(file);
        rows.insert(rows.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
      }
    } catch (const std::exception& e) {
      std::cerr << "revbench export: " << e.what() << "\n";
      return bad_input;
    }
    std::ofstream file;
    if (!o->out.empty()) {
      file.open(o->out, std::ios::binary);
      if (!file) {
        std::cerr << "revbench export: cannot write " << o->out << "\n";
        return failed;
      }
    }
    std::ostream& out = o->out.empty() ? std::cout : file;
    if (o->format == "csv") results::write_csv(out, rows);
    else results::write_jsonl(out, rows);
    out.flush();
    if (!out) {
      std::cerr << "revbench export: writing " << (o->out.empty() ? "standard output" : o->out) << " failed\n";
      return failed;
    }
    return 0;
  };
}

}  // namespace revbench::cli

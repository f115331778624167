#pragma once
// Results as tidy rows, one measurement a row, in the shape pandas, R and a
// spreadsheet load in one line (`revbench export`). A metric is named by its
// path in the results file below the run, or below the run's endpoint in a
// phase (latency_corrected.p99, security.accepted_after_revoke), with the
// unit its key carried moved to a column of its own: *_seconds is s,
// *_per_second 1/s, *_per_request 1/request, *_bytes B, *_ratio ratio, a
// true/false 1/0 of unit bool, anything else a count. Histograms, text and per-second timelines are left
// out: the results file has them.
#include <ostream>
#include <string>
#include <vector>

#include "results/scenario_results_reader.hpp"

namespace revbench::results {

struct TidyRow {
  std::string file;      // the results file's name
  int run = 0;           // the run's place in its file, from 1: repeats and sweep points stay apart
  std::string strategy;
  std::string scenario;
  std::string store_rtt;  // a sweep's point; empty outside one
  std::string replica_delay;  // a replica sweep's point; empty outside one
  std::string balancer;   // the balancer in front of the instances (a balancer sweep's point); empty without one
  std::string phase;      // empty: the whole run
  std::string endpoint;   // empty: the whole run
  std::string metric;
  double value = 0;
  std::string unit;
};

std::vector<TidyRow> tidy_rows(const ScenarioResultsFile& file);

// A header line, then a row a line (RFC 4180: a field with a comma, a quote
// or a line break is quoted).
void write_csv(std::ostream& out, const std::vector<TidyRow>& rows);
// One JSON object a line, the CSV's columns as its members.
void write_jsonl(std::ostream& out, const std::vector<TidyRow>& rows);

}  // namespace revbench::results

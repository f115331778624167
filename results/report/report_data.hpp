#pragma once
// What a report is made of: the scenario runs of one or more results files
// (`revbench run` / `revbench compare`), read back into figures, with the
// repeats of each strategy x scenario grouped so every figure can be given
// as median and min–max over them.
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "results/run_record.hpp"

namespace revbench::results::report {

// Where a results file's figures came from, for the report's provenance.
struct Source {
  std::string file;
  std::string kind;
  std::string command;
  std::string started_at;
  std::string ended_at;
  std::vector<std::string> pooled_with;  // files that ran at the same time: one run from several generators
  bool complete = true;
  boost::json::object machine;
  std::vector<std::pair<std::string, double>> warmups;  // scenario -> unrecorded seconds
};

// A run of a --store-rtt sweep at whichever point, for the charts against distance.
struct SweptRun {
  std::string point;        // as given to the sweep: 0, 250us, 1ms
  double rtt_seconds = 0;   // the point's round trip
  RunRecord run;
};

struct ResultsSet {
  std::vector<Source> sources;
  std::vector<RunRecord> runs;
  std::vector<SweptRun> swept;  // every point's runs, the reported point's included
  std::string point;            // the sweep's point in the figures; empty: the swept runs are in the charts only
  std::vector<std::string> strategies;  // in order of first appearance
  std::vector<std::string> scenarios;   // likewise

  // Every repeat of a strategy x scenario, in file order; empty when it never ran.
  std::vector<const RunRecord*> repeats(const std::string& strategy, const std::string& scenario) const;
};

// Reads results files of kind "run" or "compare". Files whose runs overlap
// in time came from load generators running side by side (h2load's workers,
// one process each): their runs of a strategy x scenario are pooled into one
// (requests and counters added, histograms merged). Files that ran one after
// the other are repeats. Throws std::runtime_error naming the file and what
// is wrong with it.
// A sweep (--store-rtt, or a script's network.store_rtt) holds each run
// once per distance: `store_rtt` picks one point (the runs at the others are
// left out of the figures, and kept in `swept` for the charts against
// distance), since the points would pool as repeats of one another. Without
// it the swept runs are in the charts only, and the runs outside any sweep
// make the figures; results of nothing but a sweep are refused.
ResultsSet load_results(const std::vector<std::string>& paths, const std::string& store_rtt = {});

// A figure over repeats.
struct Spread {
  double min = 0;
  double median = 0;
  double max = 0;
  std::size_t count = 0;
};
Spread spread_of(std::vector<double> values);

}  // namespace revbench::results::report

#pragma once
// A results file's histograms as HdrHistogram percentile distributions
// (.hgrm, milliseconds): what the HDR plotters and wrk2 users read. One file
// a histogram, at <file>/run-<N>-<strategy>-<scenario>/: each phase and
// endpoint's corrected latency (<phase>.<endpoint>.hgrm) and the run's
// revocation lag (revocation_lag.hgrm).
#include <string>
#include <vector>

#include "results/scenario_results_reader.hpp"

namespace revbench::results {

struct HgrmFile {
  std::string path;  // relative, '/'-separated
  std::string text;
};

// Throws std::invalid_argument naming a histogram it cannot read.
std::vector<HgrmFile> hgrm_files(const ScenarioResultsFile& file);

}  // namespace revbench::results

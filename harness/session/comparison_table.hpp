#pragma once
// The terminal's table of a session's runs: one row per strategy x scenario,
// the figures the README explains, the verdict against the promise. It only
// formats finished runs.
#include <ostream>
#include <vector>

#include "results/scenario_results.hpp"

namespace revbench::session {

void print_comparison(std::ostream& out, const std::vector<results::ScenarioRun>& runs);
// "immediate (kept)", "n/a", "-" ...
std::string verdict_label(const results::ScenarioRun& run);

}  // namespace revbench::session

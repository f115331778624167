#pragma once
// The workload and the machine a report's figures belong to: what a reader
// must know before carrying one to another system.
#include <string>
#include <vector>

#include "results/report/report_data.hpp"
#include "results/report/strategy_profile.hpp"

namespace revbench::results::report {

std::string workload_text(const ResultsSet& results, const std::vector<StrategyProfile>& profiles,
                          const std::string& cost_scenario);

}  // namespace revbench::results::report

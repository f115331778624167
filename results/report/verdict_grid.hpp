#pragma once
// Strategy x event: whether every run of it kept the strategy's promise, and
// the slowest revocation; the runs one by one are in the report's More information.
#include <vector>

#include "results/report/document.hpp"
#include "results/report/report_builder.hpp"
#include "results/report/report_data.hpp"

namespace revbench::results::report {

// Appends the section: its heading, what it says, the grid.
void verdict_grid(const ResultsSet& results, const ReportOptions& options, std::vector<Block>& blocks);

}  // namespace revbench::results::report

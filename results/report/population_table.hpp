#pragma once
// The runs played on stores a production's size (a population): what each
// strategy kept of it, what that weighs per entry, and the hot path's p99
// there against the same strategy's on empty stores.
#include <vector>

#include "results/report/document.hpp"
#include "results/report/report_builder.hpp"
#include "results/report/report_data.hpp"

namespace revbench::results::report {

// Appends the section when some run had a population; nothing otherwise.
void population_table(const ResultsSet& results, const ReportOptions& options, std::vector<Block>& blocks);

}  // namespace revbench::results::report

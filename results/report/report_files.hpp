#pragma once
// Writes a report directory: report.md, report.html (self-contained) and
// charts/<name>.gp + .svg. Nothing in it depends on where or when it was
// made, so the same results files always give the same bytes.
#include <string>
#include <vector>

#include "results/report/report_builder.hpp"

namespace revbench::results::report {

// Returns the files written, relative to `directory`.
std::vector<std::string> write_report(const std::string& directory, const ResultsSet& results,
                                      const ReportOptions& options);

}  // namespace revbench::results::report

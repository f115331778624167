#pragma once
// The design-decision report (MADR's shape: context, drivers, options,
// outcome, pros and cons), then the verdict and cost tables, the charts and
// how every figure was obtained. Only decides what to say: document.hpp's
// writers format it, charts.hpp draws.
#include <optional>
#include <string>
#include <vector>

#include "results/report/charts.hpp"
#include "results/report/document.hpp"
#include "results/report/production.hpp"
#include "results/report/report_data.hpp"
#include "results/report/requirements.hpp"

namespace revbench::results::report {

struct ReportOptions {
  std::vector<Requirement> requirements;
  std::string cost_scenario = "steady-browse";          // its GET /api/resource is the hot path
  std::string storm_scenario = "secret-rotation-storm";  // drawn as a timeline
  std::string invocation;                                // the `revbench report` command, for provenance
  std::string status = "proposed";  // MADR's front matter: the record's status
  std::string deciders;             // and who decides; empty: left out
  std::optional<Production> production;  // --production: the figures projected to it, in a section of their own
};

std::vector<Chart> make_charts(const ResultsSet& results, const ReportOptions& options);

struct RenderedChart {
  Chart chart;
  std::string svg;
};
Document build_report(const ResultsSet& results, const ReportOptions& options, const std::vector<RenderedChart>& charts);

}  // namespace revbench::results::report

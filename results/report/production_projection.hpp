#pragma once
// `report --production`: each strategy's measured unit costs carried to the
// user's production (store ops a second, live entries and their memory, how
// long a stolen token works, the hot path at the production's store round
// trip), every projected figure with its formula and the measurement it
// rests on; the measurements in a table of their own, never in one column
// with a projection. A figure measured at the production's store RTT (a
// --store-rtt sweep's point) replaces the projected one, and says so.
#include <vector>

#include "results/report/document.hpp"
#include "results/report/production.hpp"
#include "results/report/report_data.hpp"
#include "results/report/strategy_profile.hpp"

namespace revbench::results::report {

// Appends the section: its heading, the production, the projections, the measurements.
// `cost_scenario`: whose GET /api/resource is the hot path (ReportOptions').
void production_projection(const ResultsSet& results, const std::vector<StrategyProfile>& profiles,
                           const Production& production, const std::string& cost_scenario, std::vector<Block>& blocks);

}  // namespace revbench::results::report

#pragma once
// A run's population (results::PopulationRecord) in a results file, and
// back: the `population` member of a run record.
#include <boost/json/object.hpp>

#include "results/scenario_results.hpp"

namespace revbench::results {

boost::json::object population_to_json(const PopulationRecord& population);
// A run record's `population` member read back; absent figures read as 0.
PopulationRecord population_from_json(const boost::json::object& population);

}  // namespace revbench::results

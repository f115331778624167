#pragma once
// Results files of scenario runs (`revbench run` or `compare`) read back, for
// whatever reads them (report, export): each parsed and checked to be of that
// kind, and none given twice. A file given twice, under its own name or
// another's, would count its requests twice and pool with itself as if two
// generators had run side by side.
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace revbench::results {

struct ScenarioResultsFile {
  std::string path;  // as given
  std::string name;  // its file name: what a report or an export calls it
  boost::json::object document;
};

// Throws std::runtime_error naming the file and what is wrong with it.
std::vector<ScenarioResultsFile> read_scenario_results(const std::vector<std::string>& paths);

}  // namespace revbench::results

#pragma once
// Scenario scripts (YAML) into the plan the actor runtime plays. The format is
// documented in the README ("Scenario scripts"); every mistake is reported
// with the file, line, column and the path of the field, e.g.
//   scenarios/logout.yaml:14:16: actors[2].steps[1].probe.every: expected a duration like 500us, 20ms or 2s
#include <string>
#include <string_view>
#include <vector>

#include "harness/load/scenario/plan.hpp"
#include "scenarios/scenario_error.hpp"
#include "scenarios/scenario_network.hpp"

namespace revbench::scenarios {

Script parse_script(std::string_view text, const std::string& source);
Script load_script_file(const std::string& path);
// The actors' plan alone, for what never puts a link in place.
load::Scenario parse_scenario(std::string_view text, const std::string& source);
load::Scenario load_scenario_file(const std::string& path);

// A name ("logout") is looked up as <directory>/<name>.yaml; anything with a
// slash or a .yaml suffix is a path.
std::string resolve_scenario(const std::string& name_or_path, const std::string& directory);
// The scripts shipped with revbench, in the order `compare` runs them.
std::vector<std::string> shipped_scenarios(const std::string& directory);
// Those of them in the named sets (a script's `set:`, `main` when it names
// none); `all` is every set. An unknown set is a ScenarioError naming the known ones.
inline const std::string every_set = "all";
std::vector<std::string> scenarios_in_sets(const std::string& directory, const std::vector<std::string>& sets);

}  // namespace revbench::scenarios

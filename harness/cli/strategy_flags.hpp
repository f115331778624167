#pragma once
// The strategy knobs (strategies/strategy_options.hpp) as a command's flags:
// one per row of the table, with its help, unit and default, so `serve`,
// `run` and `compare` take the same flags spelled the same way.
#include "strategies/strategy_options.hpp"

namespace CLI {
class App;
}

namespace revbench::cli {

// `per_scenario_too`: also the knobs each scenario sets (serve takes them, run and compare do not).
void add_strategy_flags(CLI::App& command, strategies::StrategyOptions& options, bool per_scenario_too);

}  // namespace revbench::cli

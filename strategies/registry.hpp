#pragma once
// The table of strategies, chosen by name at run time (`revbench serve --strategy NAME`).
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "strategies/strategy.hpp"
#include "strategies/strategy_options.hpp"

namespace revbench::strategies {

const std::vector<std::string_view>& strategy_names();
// Throws std::invalid_argument naming the known strategies for an unknown name.
std::unique_ptr<Strategy> make_strategy(std::string_view name, const StrategyOptions& options);

}  // namespace revbench::strategies

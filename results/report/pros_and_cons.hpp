#pragma once
// An option's good, neutral and bad, each citing the figure that makes it so:
// the pros and cons of every option and the consequences of the chosen one.
#include <optional>
#include <string>
#include <vector>

#include "results/report/strategy_profile.hpp"

namespace revbench::results::report {

// "1 store operation", "2 Redis operations".
std::string operations(double n, const char* store);

// Good first, then neutral, then bad. `storeless_p99`: the hot path's p99 of
// the fastest strategy calling no store, what a store call is set against.
std::vector<std::string> pros_and_cons(const StrategyProfile& p, const std::optional<double>& storeless_p99);

}  // namespace revbench::results::report

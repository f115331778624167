#pragma once
// The decision drivers a user states (`--require 'lag<1s' --require
// per-device-logout`) and whether a strategy's measured profile meets them,
// with the figure that decides it.
#include <optional>
#include <string>
#include <vector>

#include "results/report/strategy_profile.hpp"
#include "results/threshold.hpp"

namespace revbench::results::report {

struct Requirement {
  std::string text;                // as the user wrote it
  std::string name;                // lag, p99, per_device_logout, ...
  std::optional<Threshold> bound;  // absent for the yes/no requirements
};

// Throws std::invalid_argument naming the requirement and listing the known ones.
Requirement parse_requirement(const std::string& text);

// What the requirement asks, in a sentence for the decision drivers.
std::string describe(const Requirement& requirement);

struct Assessment {
  bool met = false;
  std::string figure;  // the measurement it rests on, e.g. "worst lag 812 µs (logout)"
};
Assessment assess(const Requirement& requirement, const StrategyProfile& profile);

}  // namespace revbench::results::report

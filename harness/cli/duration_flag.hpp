#pragma once
// A command-line duration in the one grammar (contract/duration.hpp):
// `--give-up 10s`, `--think 20ms`. A bare number is still read in the unit
// the option always took, which its --help says.
#include <chrono>
#include <string>
#include <string_view>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace revbench::cli {

CLI::Option* add_duration_flag(CLI::App& command, const std::string& flag, std::chrono::nanoseconds& target,
                               std::string_view bare_unit, const std::string& help);

}  // namespace revbench::cli

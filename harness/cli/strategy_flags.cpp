#include "harness/cli/strategy_flags.hpp"

#include <CLI/CLI.hpp>

namespace revbench::cli {

void add_strategy_flags(CLI::App& command, strategies::StrategyOptions& options, bool per_scenario_too) {
  const strategies::StrategyOptions defaults;
  for (const auto& knob : strategies::strategy_knobs()) {
    if (knob.per_scenario && !per_scenario_too) continue;
    const std::string flag = "--" + std::string(knob.flag);
    if (std::holds_alternative<bool strategies::StrategyOptions::*>(knob.member)) {
      command.add_flag_callback(flag, [&options, &knob] { strategies::set_knob(options, knob, "true"); },
                                std::string(knob.help));
      continue;
    }
    const std::string help =
        std::string(knob.help) + " [default: " + strategies::knob_text(defaults, knob) + std::string(strategies::unit_of(knob)) + "]";
    command.add_option_function<std::string>(
        flag,
        [&options, &knob](const std::string& text) {
          if (const auto error = strategies::set_knob(options, knob, text)) throw CLI::ValidationError(*error);
        },
        help);
  }
}

}  // namespace revbench::cli

#include "harness/cli/duration_flag.hpp"

#include <CLI/CLI.hpp>

#include "harness/contract/duration.hpp"

namespace revbench::cli {

CLI::Option* add_duration_flag(CLI::App& command, const std::string& flag, std::chrono::nanoseconds& target,
                               std::string_view bare_unit, const std::string& help) {
  const auto default_text = std::to_string(std::chrono::duration<double>(target).count()) + "s";
  return command.add_option_function<std::string>(
      flag,
      [&target, flag, unit = std::string(bare_unit)](const std::string& text) {
        const auto value = contract::parse_duration_or_number(text, unit);
        if (!value)
          throw CLI::ValidationError(flag, "expected a duration like " + std::string(contract::duration_examples) +
                                               " (or a number of " + unit + "), got '" + text + "'");
        target = *value;
      },
      help + " (a duration like 2s or 500ms; a bare number is " + std::string(bare_unit) + ")");
}

}  // namespace revbench::cli

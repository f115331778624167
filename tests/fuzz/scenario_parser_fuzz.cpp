// libFuzzer: the scenario parser on arbitrary text. A script is either a
// scenario or a ScenarioError naming where it went wrong; nothing else may
// escape, and nothing may crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scenarios/scenario_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto scenario = revbench::scenarios::parse_scenario(text, "fuzz.yaml");
    if (scenario.name.empty() || scenario.actors.empty()) std::abort();  // the parser's own promises
  } catch (const revbench::scenarios::ScenarioError& error) {
    if (std::string_view(error.what()).find("fuzz.yaml") == std::string_view::npos) std::abort();
  }
  return 0;
}

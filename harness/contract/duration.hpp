#pragma once
// The one duration grammar of revbench: a number and its unit, `500us`,
// `20ms`, `2s`, `1.5m`, `1h`, `14d` (ns, us or µs, ms, s, m, h, d). Scenario scripts,
// thresholds, `--stages` and every command-line duration read it; options
// that took bare numbers before keep taking them in the unit their --help says.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace revbench::contract {

// Seconds per unit, or nothing for a word that is no unit of time.
std::optional<double> seconds_per_unit(std::string_view unit);
// A non-negative duration, or nothing when the text is not one ("10", "soon", "-1s").
std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text);
// Also a bare number, read in `bare_unit` ("s", "ms"): what the older options took.
std::optional<std::chrono::nanoseconds> parse_duration_or_number(std::string_view text, std::string_view bare_unit);

// The grammar's shortest exact spelling of `d`: `1ms`, `250us`, `1500ns`.
std::string write_duration(std::chrono::nanoseconds d);

inline constexpr std::string_view duration_examples = "500us, 20ms, 2s or 1m";

}  // namespace revbench::contract

#include "harness/contract/duration.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

namespace revbench::contract {
namespace {

constexpr std::pair<std::string_view, double> units[] = {
    {"ns", 1e-9}, {"us", 1e-6}, {"µs", 1e-6}, {"ms", 1e-3}, {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}};

// The number at the front of `text` and where it ends; nothing without one.
std::optional<std::pair<double, std::size_t>> leading_number(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.')) ++end;
  if (end == 0) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, value);
  if (ec != std::errc() || ptr != text.data() + end || !std::isfinite(value)) return std::nullopt;
  return std::pair{value, end};
}

std::optional<std::chrono::nanoseconds> in_unit(double value, std::string_view unit) {
  const auto per = seconds_per_unit(unit);
  if (!per) return std::nullopt;
  const double ns = value * *per * 1e9;
  if (!(ns >= 0) || ns > 9.2e18) return std::nullopt;
  return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(ns)));
}

}  // namespace

std::optional<double> seconds_per_unit(std::string_view unit) {
  for (const auto& [name, seconds] : units)
    if (name == unit) return seconds;
  return std::nullopt;
}

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  const auto number = leading_number(text);
  if (!number) return std::nullopt;
  return in_unit(number->first, text.substr(number->second));
}

std::optional<std::chrono::nanoseconds> parse_duration_or_number(std::string_view text, std::string_view bare_unit) {
  const auto number = leading_number(text);
  if (number && number->second == text.size()) return in_unit(number->first, bare_unit);
  return parse_duration(text);
}

std::string write_duration(std::chrono::nanoseconds d) {
  const auto ns = d.count();
  if (ns != 0 && ns % 1'000'000'000 == 0) return std::to_string(ns / 1'000'000'000) + "s";
  if (ns % 1'000'000 == 0) return std::to_string(ns / 1'000'000) + "ms";
  if (ns % 1'000 == 0) return std::to_string(ns / 1'000) + "us";
  return std::to_string(ns) + "ns";
}

}  // namespace revbench::contract

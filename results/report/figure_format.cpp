#include "results/report/figure_format.hpp"

#include <cmath>
#include <cstdio>

namespace revbench::results::report {

std::string code(const std::string& text) { return "`" + text + "`"; }
namespace {

std::string printed(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// Three significant digits without exponent notation.
std::string significant(double value) {
  const double magnitude = std::abs(value);
  if (magnitude >= 100) return printed("%.0f", value);
  if (magnitude >= 10) return printed("%.1f", value);
  return printed("%.2f", value);
}

}  // namespace

std::string seconds_text(double seconds) {
  if (seconds == 0) return "0 s";
  if (seconds < 1e-3) return significant(seconds * 1e6) + " µs";
  if (seconds < 1) return significant(seconds * 1e3) + " ms";
  return significant(seconds) + " s";
}

std::string number_text(double value) {
  if (value == std::round(value) && std::abs(value) < 1e15) return printed("%.0f", value);
  return significant(value);
}

std::string count_text(double value) { return printed("%.0f", value); }

std::string bytes_text(double bytes) {
  if (bytes >= 1ull << 30) return significant(bytes / (1ull << 30)) + " GiB";
  if (bytes >= 1 << 20) return significant(bytes / (1 << 20)) + " MiB";
  if (bytes >= 1 << 10) return significant(bytes / (1 << 10)) + " KiB";
  return count_text(std::round(bytes)) + " B";
}

std::string spread_text(const Spread& spread, std::string (*format)(double)) {
  std::string text = format(spread.median);
  if (spread.count > 1 && spread.min != spread.max) text += " [" + format(spread.min) + "–" + format(spread.max) + "]";
  return text;
}

}  // namespace revbench::results::report

#pragma once
// How figures are written in a report: three significant digits, a unit
// that keeps them readable, and min–max over repeats when there were several.
#include <string>

#include "results/report/report_data.hpp"

namespace revbench::results::report {

std::string code(const std::string& text);       // `text`, a code span
std::string seconds_text(double seconds);  // 412 µs, 1.23 ms, 2.56 s
std::string number_text(double value);     // 0, 1, 0.5, 1.23e+03 never: 1230
std::string count_text(double value);      // whole numbers
std::string bytes_text(double bytes);      // 130 B, 2.78 MiB, 2.61 GiB (binary units)
// The median, then [min–max] when the repeats differ.
std::string spread_text(const Spread& spread, std::string (*format)(double));

}  // namespace revbench::results::report

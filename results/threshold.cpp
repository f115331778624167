#include "results/threshold.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "harness/contract/duration.hpp"

namespace revbench::results {
namespace {

constexpr const char* operators[] = {"<=", ">=", "==", "!=", "<", ">"};

// Durations in the one grammar's units (in seconds), a share in percent.
double unit_factor(const std::string& unit, const std::string& text) {
  if (unit.empty()) return 1;
  if (unit == "%") return 0.01;
  if (const auto seconds = contract::seconds_per_unit(unit)) return *seconds;
  throw std::invalid_argument("threshold '" + text + "': unknown unit '" + unit + "' (ns, us, ms, s, m, h, %)");
}

}  // namespace

Threshold parse_threshold(const std::string& text) {
  for (const char* op : operators) {
    const auto at = text.find(op);
    if (at == std::string::npos) continue;
    Threshold t{text, text.substr(0, at), op, 0};
    while (!t.metric.empty() && t.metric.back() == ' ') t.metric.pop_back();
    std::string rest = text.substr(at + std::string(op).size());
    std::size_t used = 0;
    try {
      t.value = std::stod(rest, &used);
    } catch (const std::exception&) {
      throw std::invalid_argument("threshold '" + text + "': expected a number after '" + op + "'");
    }
    std::string unit = rest.substr(used);
    while (!unit.empty() && unit.front() == ' ') unit.erase(unit.begin());
    t.value *= unit_factor(unit, text);
    if (t.metric.empty()) throw std::invalid_argument("threshold '" + text + "': no metric before '" + op + "'");
    return t;
  }
  throw std::invalid_argument("threshold '" + text + "': expected METRIC OP VALUE, e.g. p99<5ms");
}

bool holds(const Threshold& t, double v) {
  return t.op == "<"    ? v < t.value
         : t.op == "<=" ? v <= t.value
         : t.op == ">"  ? v > t.value
         : t.op == ">=" ? v >= t.value
         : t.op == "==" ? std::abs(v - t.value) < 1e-12
                        : std::abs(v - t.value) >= 1e-12;
}

std::vector<std::string> violations(const std::vector<Threshold>& thresholds, const std::map<std::string, double>& metrics) {
  std::vector<std::string> out;
  for (const auto& t : thresholds) {
    const auto found = metrics.find(t.metric);
    if (found == metrics.end()) {
      std::string known;
      for (const auto& [name, value] : metrics) known += (known.empty() ? "" : ", ") + name;
      out.push_back("threshold '" + t.text + "': no metric '" + t.metric + "' (known: " + known + ")");
      continue;
    }
    const double v = found->second;
    if (!holds(t, v)) {
      std::ostringstream reason;
      reason << "threshold '" << t.text << "' violated: " << t.metric << " = " << v;
      out.push_back(reason.str());
    }
  }
  return out;
}

}  // namespace revbench::results

#include "scenarios/field_reader.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "harness/contract/duration.hpp"
#include "scenarios/scenario_error.hpp"

namespace revbench::scenarios {

void FieldReader::fail(const YAML::Node& node, const std::string& path, const std::string& message) const {
  throw ScenarioError(where({node, path}) + ": " + message);
}

std::string FieldReader::where(const Field& f) const {
  const auto mark = f.node.Mark();
  std::ostringstream out;
  out << source_;
  if (!mark.is_null()) out << ":" << mark.line + 1 << ":" << mark.column + 1;
  if (!f.path.empty()) out << ": " << f.path;
  return out.str();
}

void FieldReader::check_keys(const Field& f, const std::vector<std::string_view>& allowed) const {
  if (!f.node.IsMap()) fail(f.node, f.path, "expected a map");
  std::set<std::string> seen;
  for (const auto& entry : f.node) {
    const auto key = entry.first.as<std::string>();
    if (!seen.insert(key).second) fail(entry.first, f.path, "'" + key + "' appears twice");
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string known;
      for (auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
      fail(entry.first, join(f.path, key), "unknown field (known: " + known + ")");
    }
  }
}

std::string FieldReader::scalar(const Field& f) const {
  if (!f.node.IsScalar()) fail(f.node, f.path, "expected a single value");
  return f.node.Scalar();
}

std::string FieldReader::name(const Field& f) const {
  auto value = scalar(f);
  const bool ok = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
  if (!ok) fail(f.node, f.path, "expected a name of letters, digits, '-' and '_', got '" + value + "'");
  return value;
}

long FieldReader::integer(const Field& f, long min, long max) const {
  const auto text = scalar(f);
  try {
    std::size_t used = 0;
    const long value = std::stol(text, &used);
    if (used == text.size() && value >= min && value <= max) return value;
  } catch (const std::exception&) {
  }
  fail(f.node, f.path, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got '" + text + "'");
}

bool FieldReader::boolean(const Field& f) const {
  const auto text = scalar(f);
  if (text == "true" || text == "yes") return true;
  if (text == "false" || text == "no") return false;
  fail(f.node, f.path, "expected true or false, got '" + text + "'");
}

load::Duration FieldReader::duration(const Field& f) const {
  const auto text = scalar(f);
  const auto value = contract::parse_duration(text);
  if (!value || *value > std::chrono::hours(1))
    fail(f.node, f.path, "expected a duration like " + std::string(contract::duration_examples) + " (at most 1 hour), got '" + text + "'");
  return *value;
}

double FieldReader::rate(const Field& f) const {
  auto text = scalar(f);
  double per = 1;
  if (text.size() > 2 && text.substr(text.size() - 2) == "/s") text.resize(text.size() - 2);
  else if (text.size() > 2 && text.substr(text.size() - 2) == "/m") text.resize(text.size() - 2), per = 60;
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && value > 0 && value <= 1e6) return value / per;
  } catch (const std::exception&) {
  }
  fail(f.node, f.path, "expected a rate like 20, 20/s or 300/m (requests per second of one actor, at most 1000000)");
}

std::size_t FieldReader::one_of(const Field& f, std::initializer_list<std::string_view> options) const {
  return one_of(f, std::vector<std::string_view>(options));
}

std::size_t FieldReader::one_of(const Field& f, const std::vector<std::string_view>& options) const {
  const auto text = scalar(f);
  std::string known;
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (text == options[i]) return i;
    known += (known.empty() ? "" : ", ") + std::string(options[i]);
  }
  fail(f.node, f.path, "expected one of " + known + ", got '" + text + "'");
}

}  // namespace revbench::scenarios

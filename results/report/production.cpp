#include "results/report/production.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "harness/contract/duration.hpp"

namespace revbench::results::report {
namespace {

enum class Kind { duration, rate, count };

struct Key {
  std::string_view name;
  Kind kind;
  std::optional<double> Production::*field;
  std::string_view meaning;
};

constexpr Key keys[] = {
    {"access_ttl", Kind::duration, &Production::access_ttl_seconds, "the access tokens' lifetime"},
    {"refresh_ttl", Kind::duration, &Production::refresh_ttl_seconds, "the refresh tokens' lifetime"},
    {"rate", Kind::rate, &Production::rate_per_second, "authenticated requests a second, the whole fleet's"},
    {"instances", Kind::count, &Production::instances, "server instances"},
    {"users", Kind::count, &Production::users, "users"},
    {"sessions", Kind::count, &Production::live_sessions, "live sessions (default: one a user)"},
    {"revocations", Kind::rate, &Production::revocations_per_second, "revoking events a second"},
    {"store_rtt", Kind::duration, &Production::store_rtt_seconds, "an instance's round trip to its stores"},
};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::optional<double> number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// 20000/s, 1200/m, 20000 (a second).
std::optional<double> rate(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return number(text);
  const auto per = contract::seconds_per_unit(text.substr(slash + 1));
  const auto count = number(text.substr(0, slash));
  if (!per || !count || *per <= 0) return std::nullopt;
  return *count / *per;
}

std::string known_keys() {
  std::string out;
  for (const auto& key : keys) out += (out.empty() ? "" : ", ") + std::string(key.name);
  return out;
}

void apply(Production& production, std::string_view pair, const std::string& where) {
  const auto equals = pair.find('=');
  if (equals == std::string_view::npos)
    throw std::invalid_argument(where + ": '" + std::string(pair) + "': expected key=value (keys: " + known_keys() + ")");
  const auto name = trimmed(pair.substr(0, equals));
  const auto value = trimmed(pair.substr(equals + 1));
  for (const auto& key : keys) {
    if (key.name != name) continue;
    std::optional<double> parsed;
    std::string expected;
    switch (key.kind) {
      case Kind::duration:
        if (const auto d = contract::parse_duration(value)) parsed = std::chrono::duration<double>(*d).count();
        expected = "a duration like " + std::string(contract::duration_examples);
        break;
      case Kind::rate:
        parsed = rate(value);
        expected = "a rate like 20000/s or 300/m";
        break;
      case Kind::count:
        parsed = number(value);
        expected = "a number";
        break;
    }
    if (!parsed)
      throw std::invalid_argument(where + ": " + std::string(name) + " (" + std::string(key.meaning) + "): expected " +
                                  expected + ", got '" + std::string(value) + "'");
    if (production.*key.field)
      throw std::invalid_argument(where + ": " + std::string(name) + " is given twice");
    production.*key.field = parsed;
    return;
  }
  throw std::invalid_argument(where + ": unknown key '" + std::string(name) + "' (keys: " + known_keys() + ")");
}

}  // namespace

Production parse_production(std::string_view text, const std::string& where) {
  Production production;
  production.text = std::string(trimmed(text));
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto pair = trimmed(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!pair.empty()) apply(production, pair, where);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (production.text.empty()) throw std::invalid_argument(where + ": empty; give key=value pairs (keys: " + known_keys() + ")");
  return production;
}

Production read_production(const std::string& spec) {
  std::error_code not_a_file;
  if (spec.find('=') != std::string::npos || !std::filesystem::is_regular_file(spec, not_a_file))
    return parse_production(spec);
  std::ifstream file(spec);
  std::string line;
  std::vector<std::string> pairs;
  Production production;
  for (int number = 1; std::getline(file, line); ++number) {
    const auto content = trimmed(std::string_view(line).substr(0, line.find('#')));
    if (content.empty()) continue;
    apply(production, content, spec + ":" + std::to_string(number));
    pairs.emplace_back(content);
  }
  if (pairs.empty()) throw std::invalid_argument(spec + ": no key=value line (keys: " + known_keys() + ")");
  for (const auto& pair : pairs) production.text += (production.text.empty() ? "" : ",") + pair;
  return production;
}

}  // namespace revbench::results::report

#include "results/tidy_rows.hpp"

#include <boost/json/serialize.hpp>

#include <array>
#include <charconv>
#include <string_view>

#include "harness/contract/json_member.hpp"
#include "results/run_record.hpp"

namespace revbench::results {
namespace json = boost::json;

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// A key's name and unit: latency's p99_seconds is p99 in s.
std::pair<std::string, std::string> name_and_unit(std::string_view key) {
  for (const auto& [suffix, unit] : {std::pair{std::string_view("_seconds"), "s"}, std::pair{std::string_view("_per_second"), "1/s"}})
    if (ends_with(key, suffix)) return {std::string(key.substr(0, key.size() - suffix.size())), unit};
  if (ends_with(key, "_per_request")) return {std::string(key), "1/request"};
  if (ends_with(key, "_bytes")) return {std::string(key.substr(0, key.size() - 6)), "B"};
  if (ends_with(key, "_ratio")) return {std::string(key), "ratio"};
  return {std::string(key), "count"};
}

// Every number and true/false under `value`, its path joined with dots.
void flatten(const json::value& value, const std::string& path, const TidyRow& where, std::vector<TidyRow>& rows) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.as_object()) {
      if (key == "histogram") continue;
      const auto [name, unit] = name_and_unit(key);
      if (member.is_object()) {
        flatten(member, path.empty() ? std::string(key) : path + "." + std::string(key), where, rows);
        continue;
      }
      TidyRow row = where;
      row.metric = path.empty() ? name : path + "." + name;
      if (member.is_bool()) {
        row.value = member.as_bool() ? 1 : 0;
        row.unit = "bool";
      } else if (member.is_number()) {
        row.value = member.to_number<double>();
        row.unit = unit;
      } else {
        continue;  // text, lists: in the results file
      }
      rows.push_back(std::move(row));
    }
  }
}

std::string text(const json::object& o, const char* name) { return contract::string_member(o, name).value_or(""); }

std::string number_text(double value) {
  std::array<char, 32> buffer;
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), end);
}

std::string csv_field(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (const char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

constexpr std::array<const char*, 12> columns = {"file",     "run",   "strategy", "scenario", "store_rtt", "replica_delay",
                                                 "balancer", "phase", "endpoint", "metric",   "value",     "unit"};

}  // namespace

std::vector<TidyRow> tidy_rows(const ScenarioResultsFile& file) {
  std::vector<TidyRow> rows;
  int place = 0;
  for (const auto& entry : file.document.at("runs").as_array()) {
    const auto& run = entry.as_object();
    TidyRow where{file.name,         ++place, text(run, "strategy"), text(run, "scenario"), text(run, "store_rtt"),
                  text(run, "replica_delay"), balancer_of(run), {}, {}, {}, 0, {}};
    // The run as a whole: its figures and the objects that describe all of it.
    json::object whole;
    for (const char* key : {"seconds", "instances", "instances_ready_seconds", "instance_rss_max_bytes", "access_ttl_seconds",
                            "promise_bound_seconds", "complete", "verdict", "revocation_lag", "security",
                            "rejection_reasons", "store_ops_check", "population"})
      if (const auto* member = run.if_contains(key)) whole[key] = *member;
    flatten(whole, "", where, rows);
    if (const auto* endpoints = run.if_contains("endpoints"))
      for (const auto& e : endpoints->as_array()) {
        TidyRow in_phase = where;
        in_phase.phase = text(e.as_object(), "phase");
        in_phase.endpoint = text(e.as_object(), "endpoint");
        flatten(e, "", in_phase, rows);
      }
  }
  return rows;
}

void write_csv(std::ostream& out, const std::vector<TidyRow>& rows) {
  for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
  out << "\r\n";
  for (const auto& r : rows)
    out << csv_field(r.file) << ',' << r.run << ',' << csv_field(r.strategy) << ',' << csv_field(r.scenario) << ','
        << csv_field(r.store_rtt) << ',' << csv_field(r.replica_delay) << ',' << csv_field(r.balancer) << ',' << csv_field(r.phase) << ',' << csv_field(r.endpoint) << ',' << csv_field(r.metric)
        << ',' << number_text(r.value) << ',' << csv_field(r.unit) << "\r\n";
}

void write_jsonl(std::ostream& out, const std::vector<TidyRow>& rows) {
  for (const auto& r : rows) {
    const json::object line{{"file", r.file},         {"run", r.run},           {"strategy", r.strategy},
                            {"scenario", r.scenario}, {"store_rtt", r.store_rtt}, {"replica_delay", r.replica_delay},
                            {"balancer", r.balancer},                {"phase", r.phase},
                            {"endpoint", r.endpoint}, {"metric", r.metric},     {"value", r.value},
                            {"unit", r.unit}};
    out << json::serialize(line) << '\n';
  }
}

}  // namespace revbench::results

#include "results/report/report_data.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "results/results_file.hpp"

namespace revbench::results::report {
namespace json = boost::json;

namespace {

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

double number(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_number() ? v->to_number<double>() : 0.0;
}

std::uint64_t count(const json::object& o, const char* key) {
  return static_cast<std::uint64_t>(std::llround(number(o, key)));
}

void remember(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

Run run_from_json(const std::string& file, const json::object& r) {
  Run run;
  run.file = file;
  run.strategy = text(r, "strategy");
  run.scenario = text(r, "scenario");
  run.event = text(r, "event");
  run.promise = text(r, "promise");
  run.promise_note = text(r, "promise_note");
  if (r.contains("promise_bound_seconds")) run.promise_bound_seconds = number(r, "promise_bound_seconds");
  run.refresh_window = text(r, "refresh_window");
  const auto& verdict = r.at("verdict").as_object();
  run.kept = verdict.at("kept").as_bool();
  run.verdict_reason = text(verdict, "reason");
  run.access_ttl_seconds = number(r, "access_ttl_seconds");
  if (const auto* lag = r.if_contains("revocation_lag"); lag != nullptr && lag->is_object() &&
                                                         count(lag->as_object(), "count") > 0)
    run.revocation_lag = histogram_from_json(lag->as_object().at("histogram").as_object());
  const auto& security = r.at("security").as_object();
  run.security = {count(security, "revocations_probed"), count(security, "accepted_after_revoke"),
                  count(security, "collateral_logouts"), count(security, "theft_detections"),
                  count(security, "false_theft_detections")};
  double recorded_seconds = 0;
  for (const auto& phase : r.at("phases").as_array())
    if (phase.as_object().at("recorded").as_bool()) recorded_seconds += number(phase.as_object(), "duration_seconds");
  for (const auto& e : r.at("endpoints").as_array()) {
    const auto& endpoint = e.as_object();
    EndpointCost cost;
    cost.requests = count(endpoint, "requests");
    cost.errors = count(endpoint, "errors");
    cost.seconds = recorded_seconds;
    cost.redis_ops = std::round(number(endpoint, "redis_ops_per_request") * static_cast<double>(cost.requests));
    cost.pg_ops = std::round(number(endpoint, "pg_ops_per_request") * static_cast<double>(cost.requests));
    cost.latency = histogram_from_json(endpoint.at("latency_corrected").as_object().at("histogram").as_object());
    auto [slot, fresh] = run.endpoints.try_emplace(text(endpoint, "endpoint"), cost);
    if (!fresh) {
      cost.seconds = 0;  // phases of one run add requests, not time
      slot->second.merge(cost);
    }
  }
  for (const auto& s : r.at("timeline").as_array()) {
    const auto& second = s.as_object();
    run.timeline.push_back({count(second, "requests"), count(second, "logins"), count(second, "errors"),
                            number(second, "max_latency_seconds")});
  }
  return run;
}

// `from` measured the same run as `into` from another load generator process.
void pool_into(Run& into, const Run& from) {
  into.kept = into.kept && from.kept;
  if (!from.kept) into.verdict_reason = from.verdict_reason;
  if (from.revocation_lag) {
    if (into.revocation_lag) into.revocation_lag->merge(*from.revocation_lag);
    else into.revocation_lag = from.revocation_lag;
  }
  into.security.revocations_probed += from.security.revocations_probed;
  into.security.accepted_after_revoke += from.security.accepted_after_revoke;
  into.security.collateral_logouts += from.security.collateral_logouts;
  into.security.theft_detections += from.security.theft_detections;
  into.security.false_theft_detections += from.security.false_theft_detections;
  for (const auto& [name, cost] : from.endpoints) {
    auto [slot, fresh] = into.endpoints.try_emplace(name, cost);
    if (!fresh) slot->second.pool(cost);
  }
  if (into.timeline.size() < from.timeline.size()) into.timeline.resize(from.timeline.size());
  for (std::size_t i = 0; i < from.timeline.size(); ++i) {
    into.timeline[i].requests += from.timeline[i].requests;
    into.timeline[i].logins += from.timeline[i].logins;
    into.timeline[i].errors += from.timeline[i].errors;
    into.timeline[i].max_latency_seconds = std::max(into.timeline[i].max_latency_seconds, from.timeline[i].max_latency_seconds);
  }
}

// Files whose [started_at, ended_at] overlap ran side by side: their runs are
// pooled into the first file's. A file starting in the second another ended
// is the next repeat. (ISO-8601 UTC times compare as strings.)
void pool_side_by_side(ResultsSet& set) {
  std::vector<std::size_t> order(set.sources.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return set.sources[a].started_at < set.sources[b].started_at; });
  std::vector<Run> pooled;
  std::vector<Source> sources;
  for (std::size_t k = 0; k < order.size();) {
    Source group = set.sources[order[k]];
    std::string ends = group.ended_at;
    std::vector<std::string> files{group.file};
    std::size_t next = k + 1;
    for (; next < order.size() && set.sources[order[next]].started_at < ends; ++next) {
      const Source& other = set.sources[order[next]];
      ends = std::max(ends, other.ended_at);
      files.push_back(other.file);
      group.pooled_with.push_back(other.file);
      group.complete = group.complete && other.complete;
    }
    for (const auto& run : set.runs) {
      if (std::find(files.begin(), files.end(), run.file) == files.end()) continue;
      const auto same = std::find_if(pooled.begin(), pooled.end(), [&](const Run& r) {
        return r.file == group.file && r.strategy == run.strategy && r.scenario == run.scenario;
      });
      if (same == pooled.end()) {
        pooled.push_back(run);
        pooled.back().file = group.file;
      } else {
        pool_into(*same, run);
      }
    }
    sources.push_back(std::move(group));
    k = next;
  }
  set.runs = std::move(pooled);
  set.sources = std::move(sources);
}

std::string basename_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

void EndpointCost::pool(const EndpointCost& other) {
  const double longest = std::max(seconds, other.seconds);
  merge(other);
  seconds = longest;
}

void EndpointCost::merge(const EndpointCost& other) {
  requests += other.requests;
  errors += other.errors;
  seconds += other.seconds;
  redis_ops += other.redis_ops;
  pg_ops += other.pg_ops;
  latency.merge(other.latency);
}

std::vector<const Run*> ResultsSet::repeats(const std::string& strategy, const std::string& scenario) const {
  std::vector<const Run*> out;
  for (const auto& run : runs)
    if (run.strategy == strategy && run.scenario == scenario) out.push_back(&run);
  return out;
}

ResultsSet load_results(const std::vector<std::string>& paths) {
  if (paths.empty()) throw std::runtime_error("no results files given");
  ResultsSet set;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot be read");
    std::stringstream content;
    content << in.rdbuf();
    boost::system::error_code ec;
    const json::value document = json::parse(content.str(), ec);
    if (ec) throw std::runtime_error(path + ": not JSON (" + ec.message() + ")");
    const std::string name = basename_of(path);
    try {
      const auto& root = document.as_object();
      Source source;
      source.file = name;
      source.kind = text(root, "kind");
      if (source.kind.empty()) throw std::runtime_error("not a revbench results file (no \"kind\")");
      if (source.kind != "run" && source.kind != "compare")
        throw std::runtime_error("a '" + source.kind +
                                 "' results file: a report is made of scenario runs (revbench run or compare)");
      source.command = text(root, "command");
      source.started_at = text(root, "started_at");
      source.ended_at = text(root, "ended_at");
      source.complete = root.at("complete").as_bool();
      source.machine = root.at("machine").as_object();
      for (const auto& r : root.at("runs").as_array()) {
        set.runs.push_back(run_from_json(name, r.as_object()));
        const Run& run = set.runs.back();
        remember(set.strategies, run.strategy);
        remember(set.scenarios, run.scenario);
        double warmup = 0;
        for (const auto& phase : r.as_object().at("phases").as_array())
          if (!phase.as_object().at("recorded").as_bool()) warmup += number(phase.as_object(), "duration_seconds");
        if (std::none_of(source.warmups.begin(), source.warmups.end(),
                         [&](const auto& w) { return w.first == run.scenario; }))
          source.warmups.emplace_back(run.scenario, warmup);
      }
      set.sources.push_back(std::move(source));
    } catch (const std::runtime_error& e) {
      if (std::string(e.what()).rfind(path, 0) == 0) throw;
      throw std::runtime_error(path + ": " + e.what());
    } catch (const std::exception& e) {
      throw std::runtime_error(path + ": not a revbench results file (" + e.what() + ")");
    }
  }
  if (set.runs.empty()) throw std::runtime_error("the results files hold no runs");
  pool_side_by_side(set);
  return set;
}

Spread spread_of(std::vector<double> values) {
  Spread s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  s.min = values.front();
  s.max = values.back();
  s.median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  s.count = n;
  return s;
}

}  // namespace revbench::results::report

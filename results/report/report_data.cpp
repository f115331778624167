#include "results/report/report_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "harness/contract/json_member.hpp"
#include "harness/network/link_shape.hpp"
#include "results/results_file.hpp"
#include "results/run_record.hpp"
#include "results/scenario_results_reader.hpp"

namespace revbench::results::report {
namespace json = boost::json;

namespace {

std::string text(const json::object& o, const char* name) { return contract::string_member(o, name).value_or(""); }

void remember(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// `from` measured the same run as `into` from another load generator process.
void pool_into(RunRecord& into, const RunRecord& from) {
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
  if (from.security.revocations_lost)
    into.security.revocations_lost = into.security.revocations_lost.value_or(0) + *from.security.revocations_lost;
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
  std::vector<RunRecord> pooled;
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
      const auto same = std::find_if(pooled.begin(), pooled.end(), [&](const RunRecord& r) {
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

}  // namespace

std::vector<const RunRecord*> ResultsSet::repeats(const std::string& strategy, const std::string& scenario) const {
  std::vector<const RunRecord*> out;
  for (const auto& run : runs)
    if (run.strategy == strategy && run.scenario == scenario) out.push_back(&run);
  return out;
}

namespace {

// A sweep's point as a round trip in seconds.
double round_trip_of(const std::string& point) {
  const auto parsed = network::parse_link_shape(point);
  if (!parsed.error.empty()) throw std::runtime_error("store_rtt '" + point + "' is not a round trip: " + parsed.error);
  return std::chrono::duration<double>(parsed.shape.round_trip_time()).count();
}

}  // namespace

ResultsSet load_results(const std::vector<std::string>& paths, const std::string& store_rtt) {
  ResultsSet set;
  std::vector<std::string> points;  // of the sweeps read
  for (const auto& file : read_scenario_results(paths)) {
    const std::string& path = file.path;
    const std::string& name = file.name;
    try {
      const auto& root = file.document;
      Source source;
      source.file = name;
      source.kind = text(root, "kind");
      source.command = text(root, "command");
      source.started_at = text(root, "started_at");
      source.ended_at = text(root, "ended_at");
      const auto* complete = root.if_contains("complete");
      if (complete == nullptr || !complete->is_bool()) throw ResultsFieldError("complete: missing, or not true or false");
      source.complete = complete->as_bool();
      const auto* machine = root.if_contains("machine");
      if (machine == nullptr || !machine->is_object()) throw ResultsFieldError("machine: missing, or not an object");
      source.machine = machine->as_object();
      const auto* runs = root.if_contains("runs");
      if (runs == nullptr || !runs->is_array()) throw ResultsFieldError("runs: missing, or not a list");
      for (std::size_t i = 0; i < runs->as_array().size(); ++i) {
        const auto& r = runs->as_array()[i];
        const std::string where = "runs[" + std::to_string(i) + "]";
        if (!r.is_object()) throw ResultsFieldError(where + ": expected an object");
        const auto point = text(r.as_object(), "store_rtt");
        if (!point.empty()) {
          remember(points, point);
          set.swept.push_back({point, round_trip_of(point), run_record_from_json(name, r.as_object(), where)});
        }
        if (!point.empty() && point != store_rtt) continue;  // a sweep's other points are in the charts only
        set.runs.push_back(run_record_from_json(name, r.as_object(), where));
        // A replica sweep's points are scenarios apart: each delay is its own world, never a repeat of another.
        if (const auto delay = text(r.as_object(), "replica_delay"); !delay.empty())
          set.runs.back().scenario += " @replica " + delay;
        // So are a balancer sweep's: round robin and sticky put different instances in a thief's way.
        if (const auto balancer = balancer_of(r.as_object()); !balancer.empty()) set.runs.back().scenario += " @" + balancer;
        const RunRecord& run = set.runs.back();
        remember(set.strategies, run.strategy);
        remember(set.scenarios, run.scenario);
        const double warmup = unrecorded_seconds(r.as_object());
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
  std::string listed;
  for (const auto& point : points) listed += (listed.empty() ? "" : ", ") + point;
  if (store_rtt.empty() && !points.empty() && set.runs.empty())
    throw std::runtime_error("the results hold a --store-rtt sweep (" + listed +
                             "): a report compares strategies at one distance; choose it with --store-rtt POINT");
  if (!store_rtt.empty() && std::none_of(set.swept.begin(), set.swept.end(), [&](const auto& s) { return s.point == store_rtt; }))
    throw std::runtime_error("no run at store RTT " + store_rtt +
                             (listed.empty() ? std::string(" (the results hold no sweep)") : " (the sweep's points: " + listed + ")"));
  if (set.runs.empty()) throw std::runtime_error("the results files hold no runs");
  set.point = store_rtt;
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

#include "results/run_record.hpp"

#include <boost/json/array.hpp>

#include <cmath>
#include <cstdio>

#include "harness/contract/json_member.hpp"
#include "results/population_record.hpp"
#include "results/results_file.hpp"

namespace revbench::results {
namespace json = boost::json;

namespace {

std::string text(const json::object& o, const char* name) { return contract::string_member(o, name).value_or(""); }

// The members of a run record, each spelled once for the writer and the reader.
namespace key {
constexpr const char* strategy = "strategy";
constexpr const char* scenario = "scenario";
constexpr const char* scenario_source = "scenario_source";
constexpr const char* event = "event";
constexpr const char* promise = "promise";
constexpr const char* promise_note = "promise_note";
constexpr const char* promise_bound_seconds = "promise_bound_seconds";
constexpr const char* everyone_logged_out = "everyone_logged_out";
constexpr const char* refresh_window = "refresh_window";
constexpr const char* verdict = "verdict";
constexpr const char* kept = "kept";
constexpr const char* reason = "reason";
constexpr const char* complete = "complete";
constexpr const char* instances = "instances";
constexpr const char* access_ttl_seconds = "access_ttl_seconds";
constexpr const char* seconds = "seconds";
constexpr const char* phases = "phases";
constexpr const char* name = "name";
constexpr const char* duration_seconds = "duration_seconds";
constexpr const char* recorded = "recorded";
constexpr const char* endpoints = "endpoints";
constexpr const char* phase = "phase";
constexpr const char* endpoint = "endpoint";
constexpr const char* requests = "requests";
constexpr const char* throughput_per_second = "throughput_per_second";
constexpr const char* errors = "errors";
constexpr const char* outcomes = "outcomes";
constexpr const char* redis_ops_per_request = "redis_ops_per_request";
constexpr const char* pg_ops_per_request = "pg_ops_per_request";
constexpr const char* latency_corrected = "latency_corrected";
constexpr const char* latency_uncorrected = "latency_uncorrected";
constexpr const char* histogram = "histogram";
constexpr const char* count = "count";
constexpr const char* revocation_lag = "revocation_lag";
constexpr const char* rejection_reasons = "rejection_reasons";
constexpr const char* security = "security";
constexpr const char* store_ops_check = "store_ops_check";
constexpr const char* timeline = "timeline";
constexpr const char* second = "second";
constexpr const char* logins = "logins";
constexpr const char* max_latency_seconds = "max_latency_seconds";
constexpr const char* faults = "faults";
constexpr const char* notes = "notes";
constexpr const char* links = "links";
constexpr const char* store_rtt = "store_rtt";
constexpr const char* replica_delay = "replica_delay";
constexpr const char* topology = "topology";
constexpr const char* replication = "replication";
constexpr const char* population = "population";
constexpr const char* instances_ready_seconds = "instances_ready_seconds";
constexpr const char* instance_rss_max_bytes = "instance_rss_max_bytes";
// security
constexpr const char* revocations_probed = "revocations_probed";
constexpr const char* accepted_after_revoke = "accepted_after_revoke";
constexpr const char* collateral_logouts = "collateral_logouts";
constexpr const char* theft_detections = "theft_detections";
constexpr const char* false_theft_detections = "false_theft_detections";
}  // namespace key

double seconds_of(std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e9; }

double number(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_number() ? v->to_number<double>() : 0.0;
}

std::uint64_t count_of(const json::object& o, const char* name) {
  return static_cast<std::uint64_t>(std::llround(number(o, name)));
}

double phase_seconds(const load::Scenario& scenario, const std::string& phase) {
  for (const auto& p : scenario.phases)
    if (p.name == phase) return seconds_of(p.duration);
  return 0;
}

json::object security_json(const load::SecurityCounters& s) {
  return {{key::revocations_probed, s.probes},
          {"never_rejected", s.never_rejected},
          {"rejected_before_revoke", s.rejected_before_revoke},
          {"racing_logins_refused", s.racing_logins_refused},
          {"changes_revoked", s.changes_revoked},
          {"changes_owed", s.changes_owed},
          {"changes_unavailable", s.changes_unavailable},
          {"changes_half_done", s.changes_half_done},
          {"hostile_names_served", s.hostile_names_served},
          {"thief_requests", s.thief_requests},
          {"thief_accepted", s.thief_accepted},
          {key::accepted_after_revoke, s.accepted_after_revoke},
          {"revocations_lost", s.revocations_lost},
          {"accepted_after_lost_revocation", s.accepted_after_lost_revocation},
          {key::collateral_logouts, s.collateral_logouts},
          {key::theft_detections, s.theft_detections},
          {key::false_theft_detections, s.false_theft_detections},
          {"relogins", s.relogins},
          {"renewals", s.renewals},
          {"skipped_steps", s.skipped_steps},
          {"failed_steps", s.failed_steps}};
}

SecurityCounts security_from_json(const json::object& s) {
  return {count_of(s, key::revocations_probed), count_of(s, key::accepted_after_revoke),
          count_of(s, key::collateral_logouts), count_of(s, key::theft_detections),
          count_of(s, key::false_theft_detections)};
}

json::object endpoint_json(const ScenarioRun& run, const std::pair<std::string, std::string>& at,
                           const load::EndpointStats& s) {
  json::object outcomes;
  for (const auto& [outcome, count] : s.outcomes) outcomes[outcome] = count;
  const double requests = static_cast<double>(s.requests());
  const double duration = phase_seconds(*run.scenario, at.first);
  return {{key::phase, at.first},
          {key::endpoint, at.second},
          {key::requests, s.requests()},
          {key::throughput_per_second, duration > 0 ? requests / duration : 0.0},
          {key::errors, s.errors()},
          {key::outcomes, std::move(outcomes)},
          {key::redis_ops_per_request, requests > 0 ? static_cast<double>(s.redis_ops) / requests : 0.0},
          {key::pg_ops_per_request, requests > 0 ? static_cast<double>(s.pg_ops) / requests : 0.0},
          {key::latency_corrected, latency_summary(s.corrected)},
          {key::latency_uncorrected, latency_summary(s.uncorrected)}};
}

// Per-request store ops are written as ratios; the totals are what pool and merge.
EndpointCost endpoint_cost_from_json(const json::object& endpoint, double recorded_seconds) {
  EndpointCost cost;
  cost.requests = count_of(endpoint, key::requests);
  cost.errors = count_of(endpoint, key::errors);
  cost.seconds = recorded_seconds;
  cost.redis_ops = std::round(number(endpoint, key::redis_ops_per_request) * static_cast<double>(cost.requests));
  cost.pg_ops = std::round(number(endpoint, key::pg_ops_per_request) * static_cast<double>(cost.requests));
  cost.latency = histogram_from_json(endpoint.at(key::latency_corrected).as_object().at(key::histogram).as_object());
  return cost;
}

json::array timeline_json(const std::vector<load::TimelineSecond>& timeline) {
  json::array out;
  for (std::size_t second = 0; second < timeline.size(); ++second) {
    const auto& t = timeline[second];
    out.push_back({{key::second, second}, {key::requests, t.requests}, {key::logins, t.logins}, {key::errors, t.errors},
                   {key::max_latency_seconds, seconds_of(t.max_latency)}});
  }
  return out;
}

std::vector<Second> timeline_from_json(const json::array& timeline) {
  std::vector<Second> out;
  for (const auto& s : timeline) {
    const auto& second = s.as_object();
    out.push_back({count_of(second, key::requests), count_of(second, key::logins), count_of(second, key::errors),
                   number(second, key::max_latency_seconds)});
  }
  return out;
}

json::array links_json(const std::vector<LinkRecord>& links) {
  json::array out;
  for (const auto& link : links) {
    json::object rtt{{"samples", link.measured.samples}};
    if (link.measured.samples > 0) {
      rtt["min_seconds"] = link.measured.min_s;
      rtt["median_seconds"] = link.measured.median_s;
      rtt["max_seconds"] = link.measured.max_s;
    }
    if (!link.measured.error.empty()) rtt["error"] = link.measured.error;
    out.push_back({{"tier", link.tier},
                   {"instance", link.instance},
                   {"shape", link.shape},
                   {"connections", link.connections},
                   {"bytes_up", link.bytes_up},
                   {"bytes_down", link.bytes_down},
                   {"rtt_measured", std::move(rtt)}});
  }
  return out;
}

json::object store_ops_json(const StoreOpsCheck& check) {
  if (!check.available) return {{"checked", false}};
  return {{"checked", true},
          {"match", check.match()},
          {"redis_announced", check.redis_announced},
          {"redis_counted", check.redis_counted},
          {"pg_announced", check.pg_announced},
          {"pg_counted", check.pg_counted}};
}

double phases_seconds(const json::object& entry, bool recorded) {
  double total = 0;
  for (const auto& phase : entry.at(key::phases).as_array())
    if (phase.as_object().at(key::recorded).as_bool() == recorded)
      total += number(phase.as_object(), key::duration_seconds);
  return total;
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

json::object run_record_json(const ScenarioRun& run) {
  const auto& scenario = *run.scenario;
  const auto& stats = run.stats;
  json::array phases;
  for (const auto& p : scenario.phases)
    phases.push_back({{key::name, p.name}, {key::duration_seconds, seconds_of(p.duration)}, {key::recorded, p.record}});
  json::array endpoints;
  for (const auto& [at, s] : stats.endpoints) endpoints.push_back(endpoint_json(run, at, s));
  json::object reasons;
  for (const auto& [reason, count] : stats.rejection_reasons) reasons[reason.empty() ? "none" : reason] = count;
  json::array notes;
  for (const auto& note : stats.notes) notes.push_back(json::string(note));
  json::array faults;
  for (const auto& fault : stats.faults) faults.push_back(fault_to_json(fault, stats));
  json::object out{{key::strategy, run.strategy},
                   {key::scenario, scenario.name},
                   {key::scenario_source, scenario.source},
                   {key::event, scenario.event ? contract::to_string(*scenario.event) : ""},
                   {key::promise, run.promise ? contract::to_string(*run.promise) : ""},
                   {key::promise_note, run.promise_note},
                   {key::verdict, {{key::kept, run.verdict.kept}, {key::reason, run.verdict.reason}}},
                   {key::complete, stats.complete},
                   {key::instances, run.instances},
                   {key::access_ttl_seconds, scenario.access_ttl.count()},
                   {key::seconds, stats.seconds},
                   {key::phases, std::move(phases)},
                   {key::endpoints, std::move(endpoints)},
                   {key::revocation_lag, latency_summary(stats.revocation_lag)},
                   {key::rejection_reasons, std::move(reasons)},
                   {key::security, security_json(stats.security)},
                   {key::store_ops_check, store_ops_json(run.store_ops)},
                   {key::timeline, timeline_json(stats.timeline)},
                   {key::faults, std::move(faults)},
                   {key::notes, std::move(notes)}};
  if (run.promise_bound_seconds > 0) out[key::promise_bound_seconds] = run.promise_bound_seconds;
  if (run.everyone_logged_out) out[key::everyone_logged_out] = true;
  if (!run.refresh_window.empty()) out[key::refresh_window] = run.refresh_window;
  if (!run.links.empty()) out[key::links] = links_json(run.links);
  if (!run.store_rtt.empty()) out[key::store_rtt] = run.store_rtt;
  if (!run.replica_delay.empty()) out[key::replica_delay] = run.replica_delay;
  out[key::topology] = {{"redis", run.topology.redis}, {"postgres", run.topology.postgres}, {"read_from", run.topology.read_from}};
  if (run.topology.min_replicas_to_write > 0)
    out[key::topology].as_object()["min_replicas_to_write"] = run.topology.min_replicas_to_write;
  if (run.topology.balancer != "none") out[key::topology].as_object()["balancer"] = run.topology.balancer;
  if (!stats.answers_by_instance.empty()) {
    json::array served;
    for (const auto count : stats.answers_by_instance) served.push_back(count);
    out[key::topology].as_object()["answers_by_instance"] = std::move(served);
  }
  if (!run.replicas.empty()) {
    json::array views;
    for (const auto& v : run.replicas) {
      json::object view{{"store", v.store},
                        {"samples", v.samples},
                        {"behind_fraction", v.behind_fraction},
                        {"bytes_behind_p50", v.bytes_behind_p50},
                        {"bytes_behind_max", v.bytes_behind_max}};
      if (v.replay_lag_max_seconds) view["replay_lag_max_seconds"] = *v.replay_lag_max_seconds;
      views.push_back(std::move(view));
    }
    out[key::replication] = std::move(views);
  }
  if (run.population) out[key::population] = population_to_json(*run.population);
  if (run.instances_ready_seconds > 0) out[key::instances_ready_seconds] = run.instances_ready_seconds;
  if (run.instance_rss_max_bytes) out[key::instance_rss_max_bytes] = *run.instance_rss_max_bytes;
  return out;
}

namespace {

// The shaped links of an entry, each with its measured median round trip.
std::string network_of(const json::object& entry) {
  const auto* links = entry.if_contains("links");
  if (links == nullptr || !links->is_array()) return {};
  std::string out;
  for (const auto& value : links->as_array()) {
    const auto& link = value.as_object();
    if (text(link, "shape") == "none") continue;  // only a fault's: no distance
    std::string item = text(link, "tier");
    if (const auto instance = link.at("instance").to_number<int>(); instance > 0)
      item += " (instance " + std::to_string(instance) + ")";
    const auto* measured = link.at("rtt_measured").as_object().if_contains("median_seconds");
    char rtt[32];
    std::snprintf(rtt, sizeof rtt, " %.3g ms", measured != nullptr ? measured->to_number<double>() * 1e3 : 0.0);
    item += measured != nullptr ? rtt : " (not measured)";
    out += (out.empty() ? "" : ", ") + item;
  }
  return out;
}

// The replicated stores of an entry's topology (absent in files written before topologies: single).
std::string stores_of(const json::object& entry) {
  const auto* topology = entry.if_contains(key::topology);
  if (topology == nullptr || !topology->is_object()) return {};
  const auto& t = topology->as_object();
  std::string out;
  const auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (const auto redis = text(t, "redis"); !redis.empty() && redis != "single") add("Redis " + redis);
  if (const auto postgres = text(t, "postgres"); !postgres.empty() && postgres != "single") add("PostgreSQL " + postgres);
  if (text(t, "read_from") == "replica") add("reads from the replicas");
  if (const auto* min = t.if_contains("min_replicas_to_write"); min != nullptr && min->is_int64())
    add("min-replicas-to-write " + std::to_string(min->as_int64()));
  return out;
}

}  // namespace

namespace {

// Reads the member at `path`; whatever goes wrong is said of that member.
template <typename Read>
auto reading(const std::string& path, Read read) -> decltype(read()) {
  try {
    return read();
  } catch (const ResultsFieldError&) {
    throw;
  } catch (const std::exception& e) {
    const std::string what = e.what();
    throw ResultsFieldError(path + ": " + what.substr(0, what.find(" [")));  // Boost.JSON appends its source line
  }
}

const json::value& required(const json::object& o, const char* name, const std::string& where) {
  const auto* value = o.if_contains(name);
  if (value == nullptr) throw ResultsFieldError(where + "." + name + ": missing");
  return *value;
}

const json::object& object_member(const json::object& o, const char* name, const std::string& where) {
  const auto& value = required(o, name, where);
  if (!value.is_object()) throw ResultsFieldError(where + "." + name + ": expected an object");
  return value.as_object();
}

const json::array& array_member(const json::object& o, const char* name, const std::string& where) {
  const auto& value = required(o, name, where);
  if (!value.is_array()) throw ResultsFieldError(where + "." + name + ": expected a list");
  return value.as_array();
}

bool bool_member(const json::object& o, const char* name, const std::string& where) {
  const auto& value = required(o, name, where);
  if (!value.is_bool()) throw ResultsFieldError(where + "." + name + ": expected true or false");
  return value.as_bool();
}

}  // namespace

RunRecord run_record_from_json(const std::string& file, const json::object& entry, const std::string& where) {
  RunRecord run;
  run.file = file;
  run.strategy = text(entry, key::strategy);
  run.scenario = text(entry, key::scenario);
  run.event = text(entry, key::event);
  run.promise = text(entry, key::promise);
  run.promise_note = text(entry, key::promise_note);
  run.promise_bound_seconds = number(entry, key::promise_bound_seconds);
  if (entry.contains(key::everyone_logged_out)) run.everyone_logged_out = bool_member(entry, key::everyone_logged_out, where);
  if (run.promise == "everyone_logged_out") {  // results written before the collateral had a member of its own
    run.promise = "immediate";
    run.everyone_logged_out = true;
  }
  run.refresh_window = text(entry, key::refresh_window);
  const auto& verdict = object_member(entry, key::verdict, where);
  run.kept = bool_member(verdict, key::kept, where + "." + key::verdict);
  run.verdict_reason = text(verdict, key::reason);
  run.access_ttl_seconds = number(entry, key::access_ttl_seconds);
  if (const double instances = number(entry, key::instances); instances >= 1) run.instances = static_cast<int>(instances);
  if (const auto* lag = entry.if_contains(key::revocation_lag);
      lag != nullptr && lag->is_object() && count_of(lag->as_object(), key::count) > 0)
    run.revocation_lag = reading(where + "." + key::revocation_lag + "." + key::histogram, [&] {
      return histogram_from_json(object_member(lag->as_object(), key::histogram, where + "." + key::revocation_lag));
    });
  const auto& security = object_member(entry, key::security, where);
  run.security = reading(where + "." + key::security, [&] { return security_from_json(security); });
  if (const auto* faults = entry.if_contains(key::faults); faults != nullptr && faults->is_array())
    for (const auto& fault : faults->as_array()) {
      if (!fault.is_object()) continue;
      const auto& f = fault.as_object();
      if (f.contains("failover_seconds")) run.security.revocations_lost = count_of(security, "revocations_lost");
      if (text(f, "store").empty()) continue;
      run.store_faults.push_back({text(f, "phase"), text(f, "store"), text(f, "action"), {}});
    }
  const double recorded_seconds = reading(where + "." + key::phases, [&] { return phases_seconds(entry, true); });
  const auto& endpoints = array_member(entry, key::endpoints, where);
  for (std::size_t i = 0; i < endpoints.size(); ++i) {
    const std::string at = where + "." + key::endpoints + "[" + std::to_string(i) + "]";
    if (!endpoints[i].is_object()) throw ResultsFieldError(at + ": expected an object");
    const auto& endpoint = endpoints[i].as_object();
    if (text(endpoint, key::endpoint) == "resource")
      for (auto& fault : run.store_faults)
        if (fault.phase == text(endpoint, "phase"))
          if (const auto* outcomes = endpoint.if_contains("outcomes"); outcomes != nullptr && outcomes->is_object())
            for (const auto& [outcome, count] : outcomes->as_object())
              if (count.is_number()) fault.resource[std::string(outcome)] += count.to_number<std::uint64_t>();
    auto cost = reading(at, [&] { return endpoint_cost_from_json(endpoint, recorded_seconds); });
    auto [slot, fresh] = run.endpoints.try_emplace(text(endpoint, key::endpoint), cost);
    if (!fresh) {
      cost.seconds = 0;  // phases of one run add requests, not time
      slot->second.merge(cost);
    }
  }
  const auto& timeline = array_member(entry, key::timeline, where);
  run.timeline = reading(where + "." + key::timeline, [&] { return timeline_from_json(timeline); });
  run.network = reading(where + "." + key::links, [&] { return network_of(entry); });
  run.stores = stores_of(entry);
  if (const auto* population = entry.if_contains(key::population); population != nullptr && population->is_object())
    run.population = population_from_json(population->as_object());
  run.instances_ready_seconds = number(entry, key::instances_ready_seconds);
  if (const auto* rss = entry.if_contains(key::instance_rss_max_bytes); rss != nullptr && rss->is_int64())
    run.instance_rss_max_bytes = rss->as_int64();
  return run;
}

double unrecorded_seconds(const json::object& entry) { return phases_seconds(entry, false); }

std::string balancer_of(const json::object& entry) {
  const auto* topology = entry.if_contains(key::topology);
  return topology != nullptr && topology->is_object() ? text(topology->as_object(), "balancer") : std::string();
}

}  // namespace revbench::results

#include "harness/session/run_one.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "harness/contract/seeded_users.hpp"
#include "harness/load/scenario/scenario_runner.hpp"
#include "harness/session/haproxy_balancer.hpp"
#include "harness/session/run_links.hpp"
#include "harness/session/run_observer.hpp"
#include "harness/session/server_fleet.hpp"
#include "harness/session/phase_faults.hpp"
#include "harness/session/replication_watch.hpp"
#include "harness/store/embedded_stores.hpp"
#include "harness/store/store_counters.hpp"
#include "strategies/registry.hpp"

namespace revbench::session {
namespace {

// The strategy's promise for the scenario's event, its note and bound.
void set_promise(results::ScenarioRun& run, const strategies::Strategy& strategy, std::optional<contract::Event> event) {
  run.refresh_window = strategy.refresh_window();
  if (!event) return;
  for (const auto& p : strategy.promises())
    if (p.event == *event) {
      run.promise = p.promise;
      run.promise_note = p.note;
      run.promise_bound_seconds = static_cast<double>(p.bound.count()) / 1e3;
      run.everyone_logged_out = p.everyone_logged_out;
      return;
    }
  run.promise = contract::Promise::not_applicable;
  run.promise_note = "the strategy states no promise for this event";
}

struct StoreSnapshot {
  std::optional<long long> redis;
  std::optional<long long> pg;
};
// The primaries' counts and their replicas' (where checks may read).
StoreSnapshot snapshot(const store::Stores& stores) {
  const auto sum = [](std::optional<long long> a, std::optional<long long> b) -> std::optional<long long> {
    if (!a || !b) return std::nullopt;
    return *a + *b;
  };
  StoreSnapshot counted{store::redis_command_calls(stores.redis_url()), store::pg_statement_calls(stores.pg_url())};
  if (stores.redis_replica() != nullptr) counted.redis = sum(counted.redis, store::redis_command_calls(stores.redis_replica_url(), true));
  if (stores.pg_standby() != nullptr) counted.pg = sum(counted.pg, store::pg_statement_calls(stores.pg_standby_url()));
  return counted;
}

// The store ops every answer announced against what the stores counted meanwhile.
// The faults' /healthz probes are the servers' answers too (probe_ops).
results::StoreOpsCheck cross_check(const load::Scenario& scenario, const scenarios::ScenarioNetwork& network,
                                   const load::ScenarioStats& stats, const PhaseFaults::ProbeOps& probe_ops, const StoreSnapshot& before,
                                   const StoreSnapshot& after) {
  // A killed store restarts its counters: nothing to compare with. A link
  // fault other than slow loses what was in flight: a command announced and
  // never delivered, an answer (and the ops it announced) never read.
  const bool counters_survive = std::none_of(scenario.faults.begin(), scenario.faults.end(),
                                             [](const auto& f) { return f.action == load::FaultAction::kill; });
  const bool answers_arrive = std::all_of(network.faults.begin(), network.faults.end(),
                                          [](const auto& f) { return f.fault.action == network::FaultAction::slow; });
  if (!counters_survive || !answers_arrive || !before.redis || !after.redis || !before.pg || !after.pg) return {};
  return {true, static_cast<long long>(stats.all_redis_ops + probe_ops.redis), *after.redis - *before.redis,
          static_cast<long long>(stats.all_pg_ops + probe_ops.pg), *after.pg - *before.pg};
}

load::ScenarioRunOptions runner_options(const RunSpec& spec, RunEnvironment& environment, const RunLabel& label) {
  load::ScenarioRunOptions options;
  options.admin_token = spec.admin_token;
  options.credentials = [first = spec.first_user](int i) {
    const auto user = contract::seeded_user(first + i);
    return std::pair{user, contract::seeded_password(user)};
  };
  options.stop = environment.stop;
  options.on_progress = [&environment, label](const load::ScenarioProgress& p) {
    for (auto* observer : environment.observers) observer->progress(label, p);
  };
  options.interval_histograms = std::any_of(environment.observers.begin(), environment.observers.end(),
                                            [](const RunObserver* o) { return o->wants_interval_histograms(); });
  return options;
}

// HAProxy in front of the instances the run talks to, when it asks for one:
// the actors and the thieves' probes go through it from then on.
std::unique_ptr<HaproxyBalancer> balance(const RunSpec& spec, load::ScenarioRunOptions& options) {
  if (spec.balancing == network::Balancing::none) return nullptr;
  auto balancer = std::make_unique<HaproxyBalancer>(options.instances, spec.balancing);
  options.balancer = balancer->target();
  options.sticky_balancer = spec.balancing == network::Balancing::sticky;
  return balancer;
}

// Through each link before the run: enough to show a link's distance, few
// enough to cost a 40 ms link under half a second.
constexpr int round_trip_samples = 10;

// The run's faults armed on its links and instances, played, and recorded;
// the store ops of the faults' own /healthz probes.
PhaseFaults::ProbeOps play(const RunSpec& spec, RunEnvironment& environment, load::ScenarioRunOptions& options,
                          results::ScenarioRun& run, RunLinks& links) {
  const auto& scenario = *spec.scenario;
  const bool faulted = PhaseFaults::has_faults(scenario, *spec.network);
  if (faulted) {
    environment.faults->arm(scenario, *spec.network, links, options.instances);
    options.on_phase = [faults = environment.faults](const std::string& phase, auto ends) {
      faults->phase_started(phase, ends);
    };
  }
  run.stats = load::run_scenario(scenario, options);
  run.links = links.records();
  if (!faulted) return {};
  auto finished = environment.faults->finish();
  run.stats.faults = std::move(finished.records);
  return finished.probe_ops;
}

// On a fleet started for the run, with its faults and the store-ops cross-check.
void play_on_fleet(const RunSpec& spec, RunEnvironment& environment, load::ScenarioRunOptions& options,
                   results::ScenarioRun& run, const RunLabel& label) {
  const auto& scenario = *spec.scenario;
  const auto faulted = spec.network->faulted_links();
  const auto* regions = spec.network->regions ? &*spec.network->regions : nullptr;
  // Each run from a whole Sentinel set: the one before may have failed its primary over.
  environment.stores->settle_sentinels();
  RunLinks links(environment.links, faulted, regions, environment.stores);
  FleetOptions fleet_options{spec.strategy, spec.strategy_options, spec.server_threads, {}, spec.admin_token,
                             environment.log_dir, spec.ready_wait};
  // A PostgreSQL primary this run fails over: the servers are given both, to follow it as libpq does.
  const bool pg_fails_over =
      environment.stores->pg_standby() != nullptr &&
      std::any_of(scenario.faults.begin(), scenario.faults.end(), [](const load::Fault& f) {
        return f.store == load::FaultStore::postgres && f.action == load::FaultAction::kill;
      });
  for (int i = 0; i < spec.instances; ++i) {
    auto urls = links.stores_for(static_cast<std::size_t>(i));
    if (pg_fails_over) urls.pg = environment.stores->pg_failover_url();
    if (spec.read_from == store::ReadFrom::replica) {
      urls.redis_replica = environment.stores->redis_replica_url();
      urls.pg_replica = environment.stores->pg_standby_url();
    }
    fleet_options.stores.push_back(std::move(urls));
  }
  const ServerFleet fleet(fleet_options);
  run.instances_ready_seconds = fleet.ready_seconds();
  set_promise(run, fleet.strategy(), scenario.event);
  options.instances = links.in_front_of(fleet.targets());
  const auto balancer = balance(spec, options);
  links.measure_round_trips(round_trip_samples);
  run.instances = static_cast<int>(options.instances.size());
  for (auto* observer : environment.observers) observer->run_starting(label, options.instances);
  const auto before = snapshot(*environment.stores);
  ReplicationWatch replication(*environment.stores);
  const auto probe_ops = play(spec, environment, options, run, links);
  run.replicas = replication.finish();
  if (const auto resident = fleet.resident_bytes(); !resident.empty())
    run.instance_rss_max_bytes = *std::max_element(resident.begin(), resident.end());
  // Under Sentinel the primary also counts the Sentinels' own PINGs and
  // hellos, which no answer announces: nothing exact to compare.
  if (environment.stores->sentinels().empty())
    run.store_ops = cross_check(scenario, *spec.network, run.stats, probe_ops, before, snapshot(*environment.stores));
}
}  // namespace

results::ScenarioRun run_one(const RunSpec& spec, RunEnvironment& environment) {
  const auto& scenario = *spec.scenario;
  const RunLabel label{spec.strategy, scenario.name, spec.place, spec.sweep_axis, spec.sweep_point};
  results::ScenarioRun run;
  run.strategy = spec.strategy;
  run.scenario = &scenario;
  auto options = runner_options(spec, environment, label);
  if (spec.targets.empty()) {
    play_on_fleet(spec, environment, options, run, label);
  } else {
    set_promise(run, *strategies::make_strategy(spec.strategy, spec.strategy_options), scenario.event);
    const auto faulted = spec.network->faulted_links();
    RunLinks links(environment.links, faulted, nullptr, nullptr);  // the client-server tier only: the stores are not ours
    options.instances = links.in_front_of(spec.targets);
    const auto balancer = balance(spec, options);
    links.measure_round_trips(round_trip_samples);
    run.instances = static_cast<int>(spec.targets.size());
    for (auto* observer : environment.observers) observer->run_starting(label, options.instances);
    play(spec, environment, options, run, links);
  }
  for (auto* observer : environment.observers) observer->run_finished(label);
  run.verdict = results::judge(run.promise, run.stats, scenario.access_ttl,
                               std::chrono::milliseconds(std::llround(run.promise_bound_seconds * 1e3)));
  return run;
}

}  // namespace revbench::session

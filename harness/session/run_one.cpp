#include "harness/session/run_one.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "harness/contract/seeded_users.hpp"
#include "harness/load/scenario/scenario_runner.hpp"
#include "harness/session/run_links.hpp"
#include "harness/session/run_observer.hpp"
#include "harness/session/server_fleet.hpp"
#include "harness/session/store_faults.hpp"
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
      return;
    }
  run.promise = contract::Promise::not_applicable;
  run.promise_note = "the strategy states no promise for this event";
}

struct StoreSnapshot {
  std::optional<long long> redis;
  std::optional<long long> pg;
};
StoreSnapshot snapshot(const store::Stores& stores) {
  return {store::redis_command_calls(stores.redis_url()), store::pg_statement_calls(stores.pg_url())};
}

// The store ops every answer announced against what the stores counted meanwhile.
results::StoreOpsCheck cross_check(const load::Scenario& scenario, const load::ScenarioStats& stats,
                                   const StoreSnapshot& before, const StoreSnapshot& after) {
  // A killed store restarts its counters: nothing to compare with.
  const bool counters_survive = std::none_of(scenario.faults.begin(), scenario.faults.end(),
                                             [](const auto& f) { return f.action == load::FaultAction::kill; });
  if (!counters_survive || !before.redis || !after.redis || !before.pg || !after.pg) return {};
  return {true, static_cast<long long>(stats.all_redis_ops), *after.redis - *before.redis,
          static_cast<long long>(stats.all_pg_ops), *after.pg - *before.pg};
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
  return options;
}

// On a fleet started for the run, with its faults and the store-ops cross-check.
void play_on_fleet(const RunSpec& spec, RunEnvironment& environment, load::ScenarioRunOptions& options,
                   results::ScenarioRun& run, const RunLabel& label) {
  const auto& scenario = *spec.scenario;
  RunLinks links(environment.links, environment.stores->redis_url(), environment.stores->pg_url());
  const ServerFleet fleet(FleetOptions{spec.strategy, spec.strategy_options, spec.instances, spec.server_threads,
                                       links.redis_url(), links.subscriber_redis_url(), links.pg_url(),
                                       spec.admin_token, environment.log_dir});
  set_promise(run, fleet.strategy(), scenario.event);
  options.instances = links.in_front_of(fleet.targets());
  run.instances = static_cast<int>(options.instances.size());
  if (!scenario.faults.empty()) {
    environment.faults->arm(scenario, options.instances);
    options.on_phase = [faults = environment.faults](const std::string& phase, auto ends) {
      faults->phase_started(phase, ends);
    };
  }
  for (auto* observer : environment.observers) observer->run_starting(label, options.instances);
  const auto before = snapshot(*environment.stores);
  run.stats = load::run_scenario(scenario, options);
  if (!scenario.faults.empty()) run.stats.faults = environment.faults->finish();
  run.store_ops = cross_check(scenario, run.stats, before, snapshot(*environment.stores));
  run.links = links.records();
}

}  // namespace

results::ScenarioRun run_one(const RunSpec& spec, RunEnvironment& environment) {
  const auto& scenario = *spec.scenario;
  const RunLabel label{spec.strategy, scenario.name};
  results::ScenarioRun run;
  run.strategy = spec.strategy;
  run.scenario = &scenario;
  auto options = runner_options(spec, environment, label);
  if (spec.targets.empty()) {
    play_on_fleet(spec, environment, options, run, label);
  } else {
    set_promise(run, *strategies::make_strategy(spec.strategy, spec.strategy_options), scenario.event);
    RunLinks links(environment.links, {}, {});  // the client-server tier only: the stores are not ours
    options.instances = links.in_front_of(spec.targets);
    run.instances = static_cast<int>(spec.targets.size());
    for (auto* observer : environment.observers) observer->run_starting(label, options.instances);
    run.stats = load::run_scenario(scenario, options);
    run.links = links.records();
  }
  for (auto* observer : environment.observers) observer->run_finished(label);
  run.verdict = results::judge(run.promise, run.stats, scenario.access_ttl,
                               std::chrono::milliseconds(std::llround(run.promise_bound_seconds * 1e3)));
  return run;
}

}  // namespace revbench::session

#include "harness/session/session.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "harness/jwt/claims.hpp"
#include "harness/load/load_metrics.hpp"
#include "harness/load/log_in.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/server/seed.hpp"
#include "harness/session/comparison_table.hpp"
#include "harness/session/session_observers.hpp"
#include "harness/session/interval_log_observer.hpp"
#include "harness/session/metrics_feed.hpp"
#include "harness/session/prometheus_observer.hpp"
#include "harness/session/results_writer.hpp"
#include "harness/session/run_one.hpp"
#include "harness/session/phase_faults.hpp"
#include "harness/session/population_seeder.hpp"
#include "harness/session/redis_front_links.hpp"
#include "harness/session/terminal_progress.hpp"
#include "harness/store/embedded_stores.hpp"
#include "harness/store/temp_dir.hpp"
#include "results/hdr_interval_log.hpp"
#include "results/results_file.hpp"
#include "results/run_record.hpp"
#include "results/threshold.hpp"
#include "scenarios/scenario_parser.hpp"
#include "strategies/registry.hpp"

namespace revbench::session {
namespace {

// Everything the input says, checked before a server starts.
struct Plan {
  std::vector<scenarios::Script> scripts;
  std::vector<results::Threshold> thresholds;  // --threshold's, on every run
  std::vector<std::vector<results::Threshold>> script_thresholds;  // script by script, its own and --threshold's
  std::vector<load::HttpTarget> remote;
  std::vector<std::string> strategies;
  std::vector<network::LinkSetting> links;
  // A distance a script runs at: its store tiers' links.
  struct SweepPoint {
    std::string rtt;            // as given; empty outside a sweep of the stores' distance
    std::string replica_delay;  // as given; empty outside a sweep of the replicas' delay
    std::vector<network::LinkSetting> links;
    std::optional<network::Balancing> balancing;  // a sweep of balancers' point
    std::string said() const {
      if (balancing) return " behind " + std::string(network::name_of(*balancing));
      return !rtt.empty() ? " at store RTT " + rtt : !replica_delay.empty() ? " at replica delay " + replica_delay : "";
    }
    // The point as what it sets and its value ("store_rtt", "10ms"); empty outside a sweep.
    std::pair<std::string, std::string> named() const {
      if (balancing) return {"balancer", std::string(network::name_of(*balancing))};
      if (!rtt.empty()) return {"store_rtt", rtt};
      if (!replica_delay.empty()) return {"replica_delay", replica_delay};
      return {};
    }
  };
  // Script by script, the distances it runs at: --store-rtt's, else the
  // script's own network.store_rtt, else one point without links.
  std::vector<std::vector<SweepPoint>> sweeps;
};

// One run of the session: a script at a point of its sweep, on a strategy.
struct PlannedRun {
  std::size_t script = 0;
  std::size_t point = 0;
  const std::string* strategy = nullptr;
};

// The runs in the order they play: point by point, so that a stopped sweep
// has every strategy at the nearer distances.
std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Whether the script is about the strategy (its `strategies:`, or every one).
bool plays_on(const scenarios::Script& script, const std::string& strategy) {
  return script.strategies.empty() ||
         std::find(script.strategies.begin(), script.strategies.end(), strategy) != script.strategies.end();
}

std::vector<PlannedRun> order_of(const Plan& plan) {
  std::size_t longest = 0;
  for (const auto& sweep : plan.sweeps) longest = std::max(longest, sweep.size());
  std::vector<PlannedRun> order;
  for (std::size_t at = 0; at < longest; ++at)
    for (const auto& strategy : plan.strategies)
      for (std::size_t i = 0; i < plan.scripts.size(); ++i)
        if (at < plan.sweeps[i].size() && plays_on(plan.scripts[i], strategy)) order.push_back({i, at, &strategy});
  return order;
}

// How long a session's runs take beyond their scripts' phases (servers
// starting, users logging in, steps finishing after the last phase), on
// average so far: what the progress line's estimate adds per run to come.
class Pace {
 public:
  void finished(double wall_seconds, double scripted_seconds) {
    overhead_ += std::max(0.0, wall_seconds - scripted_seconds);
    ++runs_;
  }
  // After run `index` of `order` (0-based): the phases still to play and the overhead of each run.
  RunPlace place(const std::vector<PlannedRun>& order, std::size_t index, const Plan& plan) const {
    double after = 0;
    for (std::size_t j = index + 1; j < order.size(); ++j)
      after += std::chrono::duration<double>(plan.scripts[order[j].script].scenario.total_duration()).count() +
               (runs_ == 0 ? 0.0 : overhead_ / runs_);
    return {static_cast<int>(index) + 1, static_cast<int>(order.size()), after};
  }

 private:
  double overhead_ = 0;
  int runs_ = 0;
};

Plan::SweepPoint sweep_point(const scenarios::StoreRttPoint& point) {
  return {point.text, {}, point.shape.is_zero() ? std::vector<network::LinkSetting>{}
                                                : network::store_tier_links(point.shape, point.text)};
}

// The replication tiers' links of a replica delay: twice it as their round trip.
Plan::SweepPoint sweep_point(const scenarios::ReplicaDelayPoint& point) {
  Plan::SweepPoint swept{{}, point.text, {}};
  if (point.delay.count() == 0) return swept;
  const auto shape = network::LinkShape::round_trip(2 * point.delay);
  for (const auto tier : {network::Tier::redis_replication, network::Tier::postgres_replication})
    swept.links.push_back({tier, shape, std::string(network::tier_name(tier)) + "=" + network::describe(shape)});
  return swept;
}

std::vector<Plan::SweepPoint> sweep_of(const scenarios::Script& script, const std::vector<scenarios::StoreRttPoint>& flag) {
  if (!script.topology.balancer_sweep.empty()) {
    if (!flag.empty())
      throw std::invalid_argument("--store-rtt: scenario " + script.scenario.name +
                                  " sweeps its balancer (topology.balancer); a run sweeps one thing");
    std::vector<Plan::SweepPoint> sweep;
    for (const auto balancing : script.topology.balancer_sweep) {
      Plan::SweepPoint point;
      point.balancing = balancing;
      sweep.push_back(point);
    }
    return sweep;
  }
  if (!script.network.replica_delays.empty()) {
    if (!flag.empty())
      throw std::invalid_argument("--store-rtt: scenario " + script.scenario.name +
                                  " sweeps its replicas' delay (network.replica_delay); a run sweeps one thing");
    std::vector<Plan::SweepPoint> sweep;
    for (const auto& point : script.network.replica_delays) sweep.push_back(sweep_point(point));
    return sweep;
  }
  const auto& points = flag.empty() ? script.network.store_rtts : flag;
  if (points.empty()) return {Plan::SweepPoint{}};
  std::vector<Plan::SweepPoint> sweep;
  for (const auto& point : points) sweep.push_back(sweep_point(point));
  return sweep;
}

// --store-rtt's points, checked against what else moves the store tiers.
std::vector<scenarios::StoreRttPoint> store_rtt_flag(const SessionSpec& spec, const Plan& plan) {
  const bool script_sweeps = std::any_of(plan.scripts.begin(), plan.scripts.end(),
                                         [](const auto& s) { return !s.network.store_rtts.empty(); });
  if (spec.store_rtts.empty() && !script_sweeps) return {};
  if (!plan.remote.empty()) throw std::invalid_argument("--store-rtt: with --target the stores are not revbench's to move");
  for (const auto& link : plan.links)
    if (network::is_store_tier(link.tier))
      throw std::invalid_argument("--link " + link.text + ": " +
                                  (spec.store_rtts.empty() ? "a scenario's network.store_rtt" : "--store-rtt") +
                                  " sweeps the store tiers' links");
  std::vector<scenarios::StoreRttPoint> points;
  for (const auto& rtt : spec.store_rtts) {
    const auto parsed = network::parse_link_shape(rtt);
    if (!parsed.error.empty()) throw std::invalid_argument("--store-rtt " + rtt + ": " + parsed.error);
    points.push_back({rtt, parsed.shape});
  }
  return points;
}

std::vector<std::string> chosen_strategies(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    if (name == "all") {
      for (auto known : strategies::strategy_names()) out.emplace_back(known);
    } else {
      strategies::make_strategy(name, {});  // an unknown name fails here, before anything starts
      out.push_back(name);
    }
  }
  return out;
}

// A target server says which strategy it runs on /healthz.
std::string remote_strategy(const load::HttpTarget& target) {
  auto name = load::server_strategy(target);
  if (name == "unknown")
    throw std::runtime_error("the target " + target.host + ":" + std::to_string(target.port) +
                             " did not say which strategy it runs (GET /healthz)");
  return name;
}

// With --target only the client-server tier is revbench's: a script that
// shapes or cuts a store's link cannot run there.
void require_client_links_only(const std::vector<scenarios::Script>& scripts) {
  for (const auto& script : scripts) {
    if (!script.network.store_rtts.empty())
      throw std::invalid_argument("scenario " + script.scenario.name +
                                  " sweeps the stores' round trip (network.store_rtt): with --target the stores are not revbench's to move");
    if (script.network.regions)
      throw std::invalid_argument("scenario " + script.scenario.name +
                                  " places instances in regions away from the stores: with --target neither is revbench's to place");
    for (const auto& link : script.network.links)
      if (network::is_behind_the_instances(link.tier))
        throw std::invalid_argument("scenario " + script.scenario.name + " puts a link on " +
                                    std::string(network::tier_name(link.tier)) +
                                    ": with --target the stores are not revbench's to put a link in front of");
    for (const auto& fault : script.network.faults)
      if (network::is_behind_the_instances(fault.tier))
        throw std::invalid_argument("scenario " + script.scenario.name + " cuts the " +
                                    std::string(network::tier_name(fault.tier)) +
                                    " link: with --target the stores are not revbench's to put a link in front of");
  }
}

// A run's links: the script's, each replaced by a --link on its tier, and
// the store tiers' by the sweep's point.
std::vector<network::LinkSetting> links_of_run(const std::vector<network::LinkSetting>& script,
                                               const std::vector<network::LinkSetting>& flags,
                                               const std::vector<network::LinkSetting>& point) {
  std::vector<network::LinkSetting> links;
  for (const auto* layer : {&script, &flags, &point})
    for (const auto& setting : *layer) {
      std::erase_if(links, [&](const auto& l) { return l.tier == setting.tier; });
      links.push_back(setting);
    }
  return links;
}

// --redis-topology, --pg-topology, --read-from and --balancer in place of
// each script's own; a topology other than single needs stores revbench starts.
void apply_topology_flags(const SessionSpec& spec, Plan& plan) {
  const auto parsed = [](const std::string& flag, const std::string& text, auto named) {
    const auto value = named(text);
    if (!value) throw std::invalid_argument(flag + " " + text + ": unknown");
    return *value;
  };
  for (auto& script : plan.scripts) {
    auto& t = script.topology;
    if (!spec.redis_topology.empty())
      t.stores.redis = parsed("--redis-topology", spec.redis_topology, store::redis_topology_named);
    if (!spec.pg_topology.empty()) t.stores.postgres = parsed("--pg-topology", spec.pg_topology, store::pg_topology_named);
    if (!spec.read_from.empty()) t.read_from = parsed("--read-from", spec.read_from, store::read_from_named);
    if (!spec.balancer.empty()) {
      t.balancing = parsed("--balancer", spec.balancer, network::balancing_named);
      t.balancer_sweep.clear();
    }
    const bool replicas = store::has_redis_replica(t.stores) || store::has_pg_standby(t.stores);
    if (t.read_from == store::ReadFrom::replica && !store::has_readable_replica(t.stores))
      throw std::invalid_argument("--read-from replica: scenario " + script.scenario.name +
                                  " has no replica a server may read (Sentinel's are there to be promoted); give "
                                  "--redis-topology replicated or --pg-topology standby");
    if (spec.strategy_options.wait_replica.count() > 0 && !store::has_redis_replica(t.stores))
      throw std::invalid_argument("--wait-replica: scenario " + script.scenario.name +
                                  " runs on a single Redis, whose WAIT would wait for a replica that is not there; "
                                  "give --redis-topology replicated or sentinel");
    if (spec.min_replicas_to_write > 0 && !store::has_redis_replica(t.stores))
      throw std::invalid_argument("--min-replicas-to-write: scenario " + script.scenario.name +
                                  " runs on a single Redis, which would refuse every write; give --redis-topology "
                                  "replicated or sentinel");
    if (replicas && !plan.remote.empty())
      throw std::invalid_argument("scenario " + script.scenario.name +
                                  " needs replicated stores: with --target the stores are not revbench's to replicate");
    const auto& faults = script.scenario.faults;
    if (!store::follows_sentinels(t.stores) &&
        std::any_of(faults.begin(), faults.end(), [](const auto& f) { return f.action == load::FaultAction::isolate; }))
      throw std::invalid_argument("scenario " + script.scenario.name +
                                  " isolates the Redis primary from its replicas and Sentinels: it needs Redis under "
                                  "Sentinel (topology: {redis: sentinel}, or --redis-topology sentinel)");
  }
}

// --users, --live-sessions and --prior-revocations replace every script's
// own numbers; a population needs stores of revbench's or given ones to write to.
void apply_population_flags(const SessionSpec& spec, Plan& plan) {
  for (auto& script : plan.scripts) {
    auto& p = script.population;
    if (spec.population_users) p.users = *spec.population_users;
    if (spec.live_sessions) p.live_sessions = *spec.live_sessions;
    if (spec.prior_revocations) p.prior_revocations = *spec.prior_revocations;
    if ((p.live_sessions > 0 || p.prior_revocations > 0) && p.users == 0)
      throw std::invalid_argument("scenario " + script.scenario.name + ": a population's live sessions and prior "
                                  "revocations belong to its users: give population.users (--users) too");
    if (!p.empty() && !plan.remote.empty())
      throw std::invalid_argument("scenario " + script.scenario.name + ": a population (" + p.describe() +
                                  ") is written into the stores before the servers start; with --target the "
                                  "servers and their stores are someone else's");
  }
}

Plan plan_of(const SessionSpec& spec) {
  Plan plan;
  for (const auto& name : spec.scenarios)
    plan.scripts.push_back(scenarios::load_script_file(scenarios::resolve_scenario(name, spec.scenario_dir)));
  if (plan.scripts.empty()) throw std::invalid_argument("no scenario to run");
  for (const auto& text : spec.thresholds) plan.thresholds.push_back(results::parse_threshold(text));
  for (const auto& script : plan.scripts) {
    auto thresholds = plan.thresholds;
    for (const auto& own : script.thresholds) {
      try {
        thresholds.push_back(results::parse_threshold(own.text));
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(own.where + ": " + e.what());
      }
    }
    plan.script_thresholds.push_back(std::move(thresholds));
  }
  for (const auto& url : spec.targets) plan.remote.push_back(load::parse_target(url));
  for (const auto& text : spec.links) {
    auto parsed = network::parse_link_setting(text);
    if (!parsed.error.empty()) throw std::invalid_argument("--link " + text + ": " + parsed.error);
    if (std::any_of(plan.links.begin(), plan.links.end(), [&](const auto& l) { return l.tier == parsed.setting.tier; }))
      throw std::invalid_argument("--link " + text + ": the tier has a link already");
    if (!plan.remote.empty() && network::is_behind_the_instances(parsed.setting.tier))
      throw std::invalid_argument("--link " + text + ": with --target the stores are not revbench's to put a link in front of "
                                  "(only client-server)");
    plan.links.push_back(std::move(parsed.setting));
  }
  if (!plan.remote.empty()) require_client_links_only(plan.scripts);
  for (const auto& script : plan.scripts)
    if (!plan.remote.empty() && static_cast<int>(plan.remote.size()) < script.scenario.instances)
      throw std::invalid_argument("scenario " + script.scenario.name + " needs " + std::to_string(script.scenario.instances) +
                                  " instances; --target gave " + std::to_string(plan.remote.size()));
  apply_topology_flags(spec, plan);
  apply_population_flags(spec, plan);
  const auto flag = store_rtt_flag(spec, plan);
  for (const auto& script : plan.scripts) plan.sweeps.push_back(sweep_of(script, flag));
  plan.strategies = plan.remote.empty() ? chosen_strategies(spec.strategies)
                                        : std::vector<std::string>{remote_strategy(plan.remote.front())};
  for (const auto& script : plan.scripts)
    for (const auto& name : script.strategies) strategies::make_strategy(name, {});  // an unknown name fails here
  if (order_of(plan).empty()) {
    const auto& script = plan.scripts.front();
    throw std::invalid_argument("scenario " + script.scenario.name + " is about " + join(script.strategies) +
                                ": none of them is among the strategies to run");
  }
  return plan;
}

// The results file's config: what ran and with which strategy options.
boost::json::object config_of(const SessionSpec& spec, const Plan& plan) {
  boost::json::array scenario_names, strategy_list, targets;
  for (const auto& s : plan.scripts) scenario_names.push_back(boost::json::string(s.scenario.name));
  for (const auto& s : plan.strategies) strategy_list.push_back(boost::json::string(s));
  for (const auto& t : spec.targets) targets.push_back(boost::json::string(t));
  boost::json::object config{{"scenarios", std::move(scenario_names)},
                             {"strategies", std::move(strategy_list)},
                             {"instances", plan.remote.empty() ? spec.instances : static_cast<int>(plan.remote.size())},
                             {"server_threads", spec.server_threads},
                             {"targets", std::move(targets)}};
  if (!plan.links.empty()) {
    boost::json::array links;
    for (const auto& link : plan.links) links.push_back(boost::json::string(link.text));
    config["links"] = std::move(links);
  }
  if (!spec.store_rtts.empty()) {
    boost::json::array rtts;
    for (const auto& rtt : spec.store_rtts) rtts.push_back(boost::json::string(rtt));
    config["store_rtts"] = std::move(rtts);
  }
  for (const auto& knob : strategies::strategy_knobs()) {
    if (knob.results_key.empty()) continue;
    const auto text = strategies::knob_text(spec.strategy_options, knob);
    if (text == "true" || text == "false")
      config[knob.results_key] = text == "true";
    else
      config[knob.results_key] = std::stoll(text);
  }
  return config;
}

// The stores the session's runs play on: one set per store topology and
// population its scripts ask for (each script plays on exactly its own, so an
// empty store is never a populated one's), each seeded with fresh users for
// every run (scenarios change passwords and ban users), and what fails them.
struct SharedStores {
  struct Set {
    store::StoreTopology topology;
    // Under Sentinel; first: the Sentinels and replicas reach the Redis instances through them to the end.
    std::unique_ptr<RedisFrontLinks> front_links;
    std::unique_ptr<PhaseFaults> faults;  // before the stores: a store it restarted lives as long as its thread
    std::unique_ptr<store::Stores> stores;
    contract::Population population;
    std::unique_ptr<PopulationSeeder> seeder;  // after the stores it writes to: it goes first
  };
  std::vector<Set> sets;
  std::string admin_token;

  // The set of a script's topology and population; null with targets (no stores of revbench's).
  Set* of(const scenarios::Script& script) {
    for (auto& set : sets)
      if (set.topology == script.topology.stores && set.population == script.population) return &set;
    return nullptr;
  }
};

SharedStores share_stores(const SessionSpec& spec, const Plan& plan) {
  SharedStores shared;
  shared.admin_token = spec.admin_token;
  if (shared.admin_token.empty())
    if (const char* token = std::getenv("REVBENCH_ADMIN_TOKEN")) shared.admin_token = token;
  if (plan.remote.empty())
    for (const auto& script : plan.scripts) {
      const auto& topology = script.topology.stores;
      if (shared.of(script) != nullptr) continue;
      auto front_links = store::follows_sentinels(topology) ? std::make_unique<RedisFrontLinks>() : nullptr;
      store::FrontLinkOpener opener;
      if (front_links) opener = [links = front_links.get()](std::uint16_t port) { return links->open(port); };
      auto stores = std::make_unique<store::Stores>(spec.redis_url, spec.pg_url, topology, opener);
      if (spec.min_replicas_to_write > 0) stores->require_replicas_for_writes(spec.min_replicas_to_write);
      shared.sets.push_back({topology, std::move(front_links), nullptr, std::move(stores), script.population, nullptr});
    }
  for (const auto& script : plan.scripts) {
    auto* set = shared.of(script);
    PhaseFaults::require_embedded(script.scenario, set != nullptr ? set->stores.get() : nullptr);
    if (PhaseFaults::has_faults(script.scenario, script.network) && set != nullptr && !set->faults)
      set->faults = std::make_unique<PhaseFaults>(set->stores.get(), set->front_links.get());
  }
  if (!plan.remote.empty()) return shared;
  shared.admin_token = jwt::random_id();
  int users = 0;
  for (std::size_t i = 0; i < plan.scripts.size(); ++i)
    users += plan.scripts[i].scenario.users_needed() * static_cast<int>(plan.sweeps[i].size());
  users *= static_cast<int>(plan.strategies.size());
  // Every set holds every user: runs number theirs in one sequence, whichever set they play on.
  for (auto& set : shared.sets) {
    server::seed_users(set.stores->pg_url(), users, server::cheap_password_iterations);
    std::cout << "stores: redis " << set.stores->redis_url() << ", postgres " << set.stores->pg_url() << "; " << users
              << " users seeded" << std::endl;
    if (set.population.empty()) continue;
    set.seeder = std::make_unique<PopulationSeeder>(*set.stores, set.population, server::cheap_password_iterations);
    const auto added = set.seeder->seed_users();
    std::cout << "population: " << set.population.describe() << "; " << added << " bystanders added" << std::endl;
  }
  return shared;
}

// What the session gathers as its runs end.
struct Outcome {
  std::vector<results::ScenarioRun> runs;
  boost::json::array threshold_results;
  std::vector<std::string> violated;

  void judge(const std::vector<results::Threshold>& thresholds, const results::ScenarioRun& run) {
    const auto figures = results::scenario_metrics(run);
    for (const auto& t : thresholds) {
      const auto failed = results::violations({t}, figures);
      threshold_results.push_back({{"strategy", run.strategy}, {"scenario", run.scenario->name},
                                   {"threshold", t.text}, {"passed", failed.empty()}});
      for (const auto& reason : failed)
        violated.push_back(run.scenario->name + " x " + run.strategy +
                           (run.store_rtt.empty() ? "" : " at store RTT " + run.store_rtt) +
                           (run.replica_delay.empty() ? "" : " at replica delay " + run.replica_delay) +
                           (run.topology.balancer == "none" ? "" : " behind " + run.topology.balancer) + ": " + reason);
    }
  }
  boost::json::object body() const {
    boost::json::array entries;
    for (const auto& run : runs) entries.push_back(results::run_record_json(run));
    return {{"runs", std::move(entries)}, {"thresholds", threshold_results}};
  }
};

results::RunTopology topology_of(const store::Stores& stores, store::ReadFrom read_from, network::Balancing balancing) {
  return {std::string(store::name_of(stores.topology().redis)), std::string(store::name_of(stores.topology().postgres)),
          std::string(store::name_of(read_from)), stores.replicas_for_writes(), std::string(network::name_of(balancing))};
}

// What --list prints: every run in order, and what their phases take.
void print_runs(std::ostream& out, const Plan& plan, const std::vector<PlannedRun>& order) {
  double seconds = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& script = plan.scripts[order[i].script];
    const auto& point = plan.sweeps[order[i].script][order[i].point];
    const double phases = std::chrono::duration<double>(script.scenario.total_duration()).count();
    seconds += phases;
    char line[200];
    std::snprintf(line, sizeof line, "%4zu  %-28s %-22s %6.1f s", i + 1, script.scenario.name.c_str(),
                  order[i].strategy->c_str(), phases);
    out << line << (point.said().empty() ? "" : " " + point.said())
        << (script.population.empty() ? "" : " on " + script.population.describe()) << "\n";
  }
  char total[200];
  std::snprintf(total, sizeof total,
                "%zu runs; their phases take %.1f min, and each run a few seconds more to start its servers and log "
                "its users in",
                order.size(), seconds / 60);
  out << total << "\n";
}

int exit_status(const Outcome& outcome, bool complete) {
  if (!complete) {
    std::cerr << "interrupted: the results hold the runs that completed\n";
    return interrupted;
  }
  int status = session_ok;
  for (const auto& reason : outcome.violated) {
    std::cerr << "threshold: " << reason << "\n";
    status = threshold_violated;
  }
  for (const auto& run : outcome.runs)
    if (!run.verdict.kept) {
      std::cerr << run.strategy << " broke its promise (" << contract::to_string(*run.promise) << ") in " << run.scenario->name << ": "
                << run.verdict.reason << "\n";
      status = promise_broken;
    }
  return status;
}

}  // namespace

int run_session(const SessionSpec& spec, const std::atomic<bool>& stop) {
  const Plan plan = plan_of(spec);
  if (spec.list_only) {
    print_runs(std::cout, plan, order_of(plan));
    return session_ok;
  }
  const ResultsWriter writer(spec.out, spec.kind, spec.command);
  Observers observers;
  open_interval_log(spec, observers);
  SharedStores shared = share_stores(spec, plan);
  const store::TempDir logs("revbench-fleet");
  start_observers(spec, observers);
  RunEnvironment environment{nullptr, nullptr, logs.path().string(), &stop, observers.all(), plan.links};
  const auto config = config_of(spec, plan);

  Outcome outcome;
  int next_user = spec.first_user;
  const auto order = order_of(plan);
  Pace pace;
  for (std::size_t index = 0; index < order.size() && !stop.load(); ++index) {
    const auto& planned = order[index];
    const auto& script = plan.scripts[planned.script];
    const auto& point = plan.sweeps[planned.script][planned.point];
    const auto& scenario = script.scenario;
    const auto& strategy = *planned.strategy;
    RunSpec run{strategy,          &scenario,         &script.network,
                spec.strategy_options, std::max(spec.instances, scenario.instances),
                spec.server_threads, plan.remote, shared.admin_token, next_user, pace.place(order, index, plan)};
    run.strategy_options.access_ttl = scenario.access_ttl;
    run.read_from = script.topology.read_from;
    run.balancing = point.balancing.value_or(script.topology.balancing);
    // Instances on stores holding a population read it all into memory as they start (the in-memory strategies).
    if (!script.population.empty()) run.ready_wait = std::chrono::minutes(5);
    std::tie(run.sweep_axis, run.sweep_point) = point.named();
    next_user += scenario.users_needed();
    environment.links = links_of_run(script.network.links, plan.links, point.links);
    auto* stores = shared.of(script);
    environment.stores = stores != nullptr ? stores->stores.get() : nullptr;
    environment.faults = stores != nullptr ? stores->faults.get() : nullptr;
    std::cout << "running " << scenario.name << " x " << strategy << point.said()
              << (point.balancing || run.balancing == network::Balancing::none
                      ? ""
                      : " behind " + std::string(network::name_of(run.balancing)))
              << std::endl;
    std::optional<results::PopulationRecord> population;
    if (stores != nullptr && stores->seeder)
      population = stores->seeder->before_run(*strategies::make_strategy(strategy, run.strategy_options));
    const auto started = std::chrono::steady_clock::now();
    outcome.runs.push_back(run_one(run, environment));
    if (population) {
      stores->seeder->after_run(*population);
      outcome.runs.back().population = std::move(population);
    }
    pace.finished(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                  std::chrono::duration<double>(scenario.total_duration()).count());
    outcome.runs.back().store_rtt = point.rtt;
    outcome.runs.back().replica_delay = point.replica_delay;
    if (environment.stores != nullptr)
      outcome.runs.back().topology = topology_of(*environment.stores, run.read_from, run.balancing);
    outcome.judge(plan.script_thresholds[planned.script], outcome.runs.back());
    writer.write(false, config, outcome.body());
  }
  print_comparison(std::cout, outcome.runs);
  const bool complete = outcome.runs.size() == order.size() && !stop.load();
  writer.write(complete, config, outcome.body());
  if (writer.enabled()) std::cout << "results: " << spec.out << (complete ? "" : " (incomplete)") << "\n";
  if (observers.prometheus)
    std::cout << "observed: to look at this run's metrics again, " << observers.prometheus->replay_command() << "\n";
  return exit_status(outcome, complete);
}

}  // namespace revbench::session

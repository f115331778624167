#include "harness/cli/scenario_session.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>

#include "harness/cli/prometheus_observer.hpp"
#include "harness/cli/server_fleet.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/cli/store_faults.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/load/load_metrics.hpp"
#include "harness/load/log_in.hpp"
#include "harness/load/scenario_runner.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/server/seed.hpp"
#include "harness/store/embedded_stores.hpp"
#include "harness/store/store_counters.hpp"
#include "harness/store/temp_dir.hpp"
#include "results/results_file.hpp"
#include "results/scenario_results.hpp"
#include "results/threshold.hpp"
#include "scenarios/scenario_parser.hpp"
#include "strategies/registry.hpp"

namespace revbench::cli {
namespace {

double ms(std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e6; }

std::string fixed3(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
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

// The strategy's promise for the scenario's event, its note and bound.
void set_promise(results::ScenarioRun& run, const strategies::Strategy& strategy, const std::string& event) {
  run.refresh_window = strategy.refresh_window();
  if (event.empty()) return;
  for (const auto& p : strategy.promises())
    if (strategies::to_string(p.event) == event) {
      run.promise = strategies::to_string(p.promise);
      run.promise_note = p.note;
      run.promise_bound_seconds = static_cast<double>(p.bound.count()) / 1e3;
      return;
    }
  run.promise = "not_applicable";
  run.promise_note = "the strategy states no promise for this event";
}

// A --target server says which strategy it runs on /healthz.
std::string remote_strategy(const load::HttpTarget& target) {
  auto name = load::server_strategy(target);
  if (name == "unknown")
    throw std::runtime_error("the target " + target.host + ":" + std::to_string(target.port) +
                             " did not say which strategy it runs (GET /healthz)");
  return name;
}

void print_progress(const load::ScenarioProgress& p, const std::string& label, bool terminal) {
  char line[200];
  std::snprintf(line, sizeof line, "[%5.1f/%.1f s] %-40s %-8s %7.0f req/s  p99 %8.3f ms  errors %llu  revocations %llu  thief after revoke %llu",
                p.elapsed_seconds, p.total_seconds, label.c_str(), p.phase.c_str(),
                p.interval_seconds > 0 ? static_cast<double>(p.requests) / p.interval_seconds : 0.0, ms(p.p99),
                static_cast<unsigned long long>(p.errors), static_cast<unsigned long long>(p.revocations_probed),
                static_cast<unsigned long long>(p.accepted_after_revoke));
  if (terminal)
    std::cerr << "\r" << line << std::flush;
  else
    std::cerr << line << "\n";
}

std::string verdict_label(const results::ScenarioRun& run) {
  if (run.promise.empty()) return "-";
  if (run.promise == "not_applicable") return "n/a";
  return run.promise + (run.verdict.kept ? " (kept)" : " (BROKEN)");
}

void print_table(const std::vector<results::ScenarioRun>& runs) {
  std::cout << "\nGET /api/resource of the users (warm-up excluded), open loop, latency from the intended send time; "
               "lag from the revoking response to the last instance's first rejection\n\n";
  std::cout << std::left << std::setw(18) << "strategy" << std::setw(28) << "scenario" << std::right << std::setw(8)
            << "req/s" << std::setw(9) << "p50 ms" << std::setw(9) << "p99 ms" << std::setw(10) << "redis/req"
            << std::setw(8) << "pg/req" << std::setw(12) << "lag p50 ms" << std::setw(12) << "lag max ms"
            << std::setw(8) << "thief" << std::setw(11) << "collateral" << std::setw(8) << "false" << "  promise\n";
  for (const auto& run : runs) {
    const auto resource = results::resource_totals(run.stats);
    double recorded = 0;
    for (const auto& phase : run.scenario->phases)
      if (phase.record) recorded += std::chrono::duration<double>(phase.duration).count();
    const double n = std::max<double>(1, static_cast<double>(resource.requests()));
    const auto& s = run.stats.security;
    const bool lag = run.stats.revocation_lag.count() > 0;
    std::cout << std::left << std::setw(18) << run.strategy << std::setw(28) << run.scenario->name << std::right
              << std::fixed << std::setprecision(0) << std::setw(8)
              << (recorded > 0 ? static_cast<double>(resource.requests()) / recorded : 0.0) << std::setprecision(3)
              << std::setw(9) << ms(resource.corrected.percentile(50)) << std::setw(9)
              << ms(resource.corrected.percentile(99)) << std::setprecision(2) << std::setw(10)
              << static_cast<double>(resource.redis_ops) / n << std::setw(8) << static_cast<double>(resource.pg_ops) / n
              << std::setw(12) << (lag ? fixed3(ms(run.stats.revocation_lag.percentile(50))) : std::string("-"))
              << std::setw(12) << (lag ? fixed3(ms(run.stats.revocation_lag.max())) : std::string("-"))
              << std::setw(8) << s.accepted_after_revoke << std::setw(11) << s.collateral_logouts << std::setw(8)
              << s.false_theft_detections << "  " << verdict_label(run) << "\n";
    if (!run.verdict.kept) std::cout << "    " << run.verdict.reason << "\n";
    for (const auto& fault : run.stats.faults) {
      const auto summary = results::fault_to_json(fault, run.stats);
      std::string users;
      for (const auto& [outcome, count] : summary.at("users").as_object())
        users += (users.empty() ? "" : ", ") + std::string(outcome) + " (" +
                 std::to_string(count.to_number<std::uint64_t>()) + ")";
      std::cout << "    " << fault.phase << ": users got " << (users.empty() ? "nothing" : users) << "; "
                << summary.at("thief_could").as_string().c_str() << "; clients back "
                << (fault.reconnect_s < 0 ? std::string("not within 10 s") : fixed3(fault.reconnect_s) + " s")
                << " after " << fault.store << " returned\n";
    }
    if (run.store_ops.available && !run.store_ops.match())
      std::cout << "    store ops announced (redis " << run.store_ops.redis_announced << ", pg " << run.store_ops.pg_announced
                << ") differ from the stores' counts (redis " << run.store_ops.redis_counted << ", pg "
                << run.store_ops.pg_counted << ")\n";
  }
  std::cout << "\nthief: requests accepted after the revoke (sent after the revoking response); collateral: sessions "
               "refused that no event targeted; false: reuse_detected answers to refreshes nobody stole\n";
}

struct StoreSnapshot {
  std::optional<long long> redis;
  std::optional<long long> pg;
};
StoreSnapshot snapshot(const store::Stores& stores) {
  return {store::redis_command_calls(stores.redis_url()), store::pg_statement_calls(stores.pg_url())};
}

}  // namespace

std::shared_ptr<SessionOptions> add_session_options(CLI::App& command, std::string kind, std::string command_line) {
  auto options = std::make_shared<SessionOptions>();
  auto& o = *options;
  o.kind = std::move(kind);
  o.command = std::move(command_line);
  o.scenario_dir = REVBENCH_SCENARIO_DIR;
  o.observe_config = REVBENCH_DASHBOARD_DIR "/prometheus";
  o.strategies = {"all"};
  add_store_options(command, o.stores);
  command.add_option("--strategy", o.strategies, "Strategies to run (repeatable; 'all': every one)")->capture_default_str();
  command.add_option("--target", o.targets,
                     "Measure servers someone else runs (http://host:port, repeatable: one per instance) instead of "
                     "starting them; their users must be seeded and their access TTL match the scenario");
  command.add_option("--instances", o.instances, "Server processes per strategy, sharing the stores")
      ->check(CLI::Range(1, 16))
      ->capture_default_str();
  command.add_option("--server-threads", o.server_threads, "Worker threads per server instance")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command.add_option("--refresh-grace", o.refresh_grace, "refresh-rotation-grace and -replay: the window in seconds a superseded token still refreshes (0: 2 s)");
  command.add_option("--rotation-overlap", o.rotation_overlap, "secret-rotation: seconds a rotated-out key still verifies");
  command.add_option("--freshness", o.freshness,
                     "hybrid-freshness: seconds a token is trusted on its signature before the store is asked")
      ->check(CLI::Range(0, 86400));
  command.add_option("--clock-skew", o.clock_skew_ms, "not-before: how far (ms) instances' clocks may disagree")
      ->check(CLI::Range(0, 60000));
  command.add_flag("--fail-open", o.fail_open, "redis-denylist: accept tokens unchecked while Redis is down");
  command.add_option("--admin-token", o.admin_token, "With --target: the servers' admin token (or REVBENCH_ADMIN_TOKEN)");
  command.add_option("--first-user", o.first_user, "With --target: the first seeded user the actors log in as")
      ->capture_default_str();
  command.add_option("--scenario-dir", o.scenario_dir, "Where scenario names are looked up")->capture_default_str();
  command.add_option("--out", o.out, "Write the results file (JSON) here; rewritten after every run, marked incomplete until the end");
  command.add_option("--threshold", o.thresholds,
                     "Pass/fail criterion on every run, repeatable: p99<5ms, accepted_after_revoke==0, lag_max<2s, "
                     "collateral_logouts==0, error_rate<0.01 ...");
  command.add_option("--metrics-port", o.metrics_port,
                     "Serve the client-side metrics (latency, revocation lag, thief acceptances, by strategy and "
                     "scenario) on 127.0.0.1:PORT/metrics while it runs (0: a free port)");
  command.add_flag("--observe", o.observe,
                   "Start a real Prometheus that scrapes every server and the load generator each second "
                   "(dashboards/ has the Grafana dashboards); its data is kept in --observe-dir");
  command.add_option("--observe-dir", o.observe_dir, "Where --observe keeps Prometheus's data")->capture_default_str();
  command.add_option("--prometheus-port", o.prometheus_port, "--observe: Prometheus listens on 127.0.0.1:PORT (0: a free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command.add_option("--observe-config", o.observe_config, "--observe: the directory of the scrape config (prometheus.yml)")
      ->capture_default_str();
  return options;
}

int run_session(const SessionOptions& o) {
  // Everything that can be wrong with the input fails here, before a server starts.
  std::vector<load::Scenario> scenarios;
  for (const auto& name : o.scenarios) scenarios.push_back(scenarios::load_scenario_file(scenarios::resolve_scenario(name, o.scenario_dir)));
  if (scenarios.empty()) throw std::invalid_argument("no scenario to run");
  std::vector<results::Threshold> thresholds;
  for (const auto& text : o.thresholds) thresholds.push_back(results::parse_threshold(text));
  std::vector<load::HttpTarget> remote;
  for (const auto& url : o.targets) remote.push_back(load::parse_target(url));
  const std::vector<std::string> strategy_names =
      remote.empty() ? chosen_strategies(o.strategies) : std::vector<std::string>{remote_strategy(remote.front())};

  const ShutdownSignals signals;
  const SignalStop stop(signals);
  const bool terminal = isatty(STDERR_FILENO) != 0;
  const std::string started_at = results::utc_now();

  // Declared before the stores, so destroyed after them: a store it restarted
  // lives only as long as its thread.
  std::unique_ptr<StoreFaults> faults;
  std::unique_ptr<store::Stores> stores;
  std::string admin_token = o.admin_token;
  if (admin_token.empty())
    if (const char* token = std::getenv("REVBENCH_ADMIN_TOKEN")) admin_token = token;
  int next_user = o.first_user;
  if (remote.empty()) stores = std::make_unique<store::Stores>(o.stores.redis_url, o.stores.pg_url);
  for (const auto& scenario : scenarios) StoreFaults::require_embedded(scenario, stores.get());
  if (remote.empty()) {
    admin_token = jwt::random_id();
    // Fresh users for every run: scenarios change passwords and ban users.
    int users = 0;
    for (const auto& s : scenarios) users += s.users_needed();
    users = users * static_cast<int>(strategy_names.size());
    server::seed_users(stores->pg_url(), users, server::cheap_password_iterations);
    if (std::any_of(scenarios.begin(), scenarios.end(), [](const auto& s) { return !s.faults.empty(); }))
      faults = std::make_unique<StoreFaults>(*stores);
    std::cout << "stores: redis " << stores->redis_url() << ", postgres " << stores->pg_url() << "; " << users
              << " users seeded" << std::endl;
  }
  const store::TempDir logs("revbench-fleet");
  load::LoadMetrics metrics;
  std::uint16_t metrics_port = 0;
  if (o.metrics_port >= 0 || o.observe) {
    metrics_port = metrics.serve(static_cast<std::uint16_t>(std::max(o.metrics_port, 0)));
    std::cout << "METRICS http://127.0.0.1:" << metrics_port << "/metrics" << std::endl;
  }
  std::unique_ptr<PrometheusObserver> observer;
  if (o.observe) {
    observer = std::make_unique<PrometheusObserver>(ObserveOptions{
        o.observe_config, o.observe_dir, static_cast<std::uint16_t>(o.prometheus_port), metrics_port});
    std::cout << "OBSERVE " << observer->url() << " (Prometheus scraping the servers and the load generator; data in "
              << o.observe_dir << ")" << std::endl;
  }

  std::vector<results::ScenarioRun> runs;
  boost::json::array threshold_results;
  std::vector<std::string> violated;
  const std::size_t planned = strategy_names.size() * scenarios.size();
  auto write = [&](bool complete) {
    if (o.out.empty()) return;
    boost::json::array entries;
    for (const auto& run : runs) entries.push_back(results::scenario_run_to_json(run));
    boost::json::array scenario_names, strategy_list, targets;
    for (const auto& s : scenarios) scenario_names.push_back(boost::json::string(s.name));
    for (const auto& s : strategy_names) strategy_list.push_back(boost::json::string(s));
    for (const auto& t : o.targets) targets.push_back(boost::json::string(t));
    results::write_atomically(o.out, {{"schema_version", results::schema_version},
                                      {"kind", o.kind},
                                      {"complete", complete},
                                      {"command", o.command},
                                      {"machine", results::machine_context()},
                                      {"started_at", started_at},
                                      {"ended_at", results::utc_now()},
                                      {"config", {{"scenarios", std::move(scenario_names)},
                                                  {"strategies", std::move(strategy_list)},
                                                  {"instances", remote.empty() ? o.instances : static_cast<int>(remote.size())},
                                                  {"server_threads", o.server_threads},
                                                  {"targets", std::move(targets)},
                                                  {"refresh_grace_seconds", o.refresh_grace},
                                                  {"rotation_overlap_seconds", o.rotation_overlap},
                                                  {"freshness_seconds", o.freshness},
                                                  {"clock_skew_ms", o.clock_skew_ms},
                                                  {"fail_open", o.fail_open}}},
                                      {"runs", std::move(entries)},
                                      {"thresholds", threshold_results}});
  };

  for (const auto& strategy_name : strategy_names) {
    for (const auto& scenario : scenarios) {
      if (stop.stopped()) break;
      const std::string label = scenario.name + " x " + strategy_name;
      results::ScenarioRun run;
      run.strategy = strategy_name;
      run.scenario = &scenario;
      strategies::StrategyOptions so;
      so.access_ttl = scenario.access_ttl;
      so.refresh_grace = std::chrono::seconds(o.refresh_grace);
      so.rotation_overlap = std::chrono::seconds(o.rotation_overlap);
      so.freshness = std::chrono::seconds(o.freshness);
      so.clock_skew = std::chrono::milliseconds(o.clock_skew_ms);
      so.fail_open = o.fail_open;

      load::ScenarioRunOptions ro;
      ro.admin_token = admin_token;
      const int first = next_user;
      ro.credentials = [first](int i) {
        const auto user = server::seeded_user(first + i);
        return std::pair{user, server::seeded_password(user)};
      };
      next_user += scenario.users_needed();
      ro.stop = &stop.flag();
      ro.on_progress = [&label, terminal, &metrics, &strategy_name, &scenario,
                        last = load::ScenarioProgress{}](const load::ScenarioProgress& p) mutable {
        print_progress(p, label, terminal);
        metrics.add({strategy_name, scenario.name, p.requests - p.errors, p.errors, &p.latency, &p.revocation_lag,
                     p.accepted_after_revoke - last.accepted_after_revoke, p.collateral_logouts - last.collateral_logouts});
        last.accepted_after_revoke = p.accepted_after_revoke;
        last.collateral_logouts = p.collateral_logouts;
      };

      std::cout << "running " << label << std::endl;
      if (remote.empty()) {
        FleetOptions fleet_options{strategy_name, so, o.instances, o.server_threads, stores->redis_url(),
                                   stores->pg_url(), admin_token, logs.path().string()};
        const ServerFleet fleet(fleet_options);
        set_promise(run, fleet.strategy(), scenario.event);
        ro.instances = fleet.targets();
        run.instances = static_cast<int>(ro.instances.size());
        if (!scenario.faults.empty()) {
          faults->arm(scenario, ro.instances);
          ro.on_phase = [&faults](const std::string& phase, auto ends) { faults->phase_started(phase, ends); };
        }
        if (observer) observer->scrape_servers(ro.instances);
        const auto before = snapshot(*stores);
        run.stats = load::run_scenario(scenario, ro);
        if (!scenario.faults.empty()) run.stats.faults = faults->finish();
        const auto after = snapshot(*stores);
        // A killed store restarts its counters: nothing to compare with.
        const bool counters_survive = std::none_of(scenario.faults.begin(), scenario.faults.end(),
                                                   [](const auto& f) { return f.action == load::FaultAction::kill; });
        if (counters_survive && before.redis && after.redis && before.pg && after.pg) {
          run.store_ops = {true, static_cast<long long>(run.stats.all_redis_ops), *after.redis - *before.redis,
                           static_cast<long long>(run.stats.all_pg_ops), *after.pg - *before.pg};
        }
      } else {
        set_promise(run, *strategies::make_strategy(strategy_name, so), scenario.event);
        ro.instances = remote;
        run.instances = static_cast<int>(remote.size());
        if (observer) observer->scrape_servers(ro.instances);
        run.stats = load::run_scenario(scenario, ro);
      }
      if (terminal) std::cerr << "\n";
      run.verdict = results::judge(run.promise, run.stats, scenario.access_ttl,
                                   std::chrono::milliseconds(std::llround(run.promise_bound_seconds * 1e3)));
      const auto figures = results::scenario_metrics(run);
      for (const auto& t : thresholds) {
        const auto failed = results::violations({t}, figures);
        threshold_results.push_back({{"strategy", strategy_name}, {"scenario", scenario.name}, {"threshold", t.text},
                                     {"passed", failed.empty()}});
        for (const auto& reason : failed) violated.push_back(label + ": " + reason);
      }
      runs.push_back(std::move(run));
      write(false);
    }
  }
  print_table(runs);
  const bool complete = runs.size() == planned && !stop.stopped();
  write(complete);
  if (!o.out.empty()) std::cout << "results: " << o.out << (complete ? "" : " (incomplete)") << "\n";
  if (observer) std::cout << "observed: to look at this run's metrics again, " << observer->replay_command() << "\n";
  if (!complete) {
    std::cerr << "interrupted: the results hold the runs that completed\n";
    return 130;
  }
  int status = 0;
  for (const auto& reason : violated) {
    std::cerr << "threshold: " << reason << "\n";
    status = 3;
  }
  for (const auto& run : runs)
    if (!run.verdict.kept) {
      std::cerr << run.strategy << " broke its promise (" << run.promise << ") in " << run.scenario->name << ": "
                << run.verdict.reason << "\n";
      status = 4;
    }
  return status;
}

}  // namespace revbench::cli

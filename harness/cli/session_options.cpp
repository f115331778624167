#include "harness/cli/session_options.hpp"

#include <CLI/CLI.hpp>

#include "harness/cli/commands.hpp"
#include "harness/cli/data_directories.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/cli/strategy_flags.hpp"
#include "harness/cli/topology_flags.hpp"
#include "harness/contract/population.hpp"

namespace revbench::cli {
namespace {

void add_observing_options(CLI::App& command, session::SessionSpec& o) {
  command.add_option("--metrics-port", o.metrics_port,
                     "Serve the client-side metrics (latency, revocation lag, thief acceptances, by strategy and "
                     "scenario) on 127.0.0.1:PORT/metrics while it runs (0: a free port)");
  command.add_flag("--observe", o.observe,
                   "Start a real Prometheus that scrapes every server and the load generator each second "
                   "(dashboards/ has the Grafana dashboards); its data is kept in --observe-dir");
  command.add_option("--observe-dir", o.observe_dir, "Where --observe keeps Prometheus's data")->capture_default_str();
  command.add_option("--run-id", o.run_id,
                     "--observe: the run_id label Prometheus puts on every series it scrapes, so sessions kept in one "
                     "--observe-dir stay apart (the dashboards' run_id variable); default: the session's start, UTC");
  command.add_option("--prometheus-port", o.prometheus_port, "--observe: Prometheus listens on 127.0.0.1:PORT (0: a free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command.add_option("--observe-config", o.observe_config, "--observe: the directory of the scrape config (prometheus.yml)")
      ->capture_default_str();
  command.add_option("--hlog-out", o.hlog_out,
                     "Write an HdrHistogram interval log (.hlog) here: every second, the corrected latency of each "
                     "phase and endpoint and the revocation lags, tagged strategy=...;scenario=...;phase=...;endpoint=... "
                     "(HistogramLogProcessor -i FILE -tag TAG)");
}

}  // namespace

std::shared_ptr<session::SessionSpec> add_session_options(CLI::App& command, std::string kind, std::string command_line) {
  auto options = std::make_shared<session::SessionSpec>();
  auto& o = *options;
  o.kind = std::move(kind);
  o.command = std::move(command_line);
  const auto shipped = data_directories();
  o.scenario_dir = shipped.scenarios;
  o.observe_config = shipped.dashboards + "/prometheus";
  o.strategies = {"all"};
  add_store_url_options(command, o.redis_url, o.pg_url);
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
  add_strategy_flags(command, o.strategy_options, false);
  command.add_option("--admin-token", o.admin_token, "With --target: the servers' admin token (or REVBENCH_ADMIN_TOKEN)");
  command.add_option("--first-user", o.first_user, "With --target: the first seeded user the actors log in as")
      ->capture_default_str();
  command.add_option("--scenario-dir", o.scenario_dir, "Where scenario names are looked up")->capture_default_str();
  command.add_option("--out", o.out, "Write the results file (JSON) here; rewritten after every run, marked incomplete until the end");
  command.add_option("--threshold", o.thresholds,
                     "Pass/fail criterion on every run, repeatable: p99<5ms, accepted_after_revoke==0, lag_max<2s, "
                     "collateral_logouts==0, error_rate<0.01, revocations_lost==0, failover_seconds<3 ...");
  command.add_option("--link", o.links,
                     "A link on a tier of every run, repeatable: TIER=SHAPE, TIER one of client-server, server-redis, "
                     "server-postgres, subscriber-redis, redis-replication, postgres-replication; SHAPE a round trip [±jitter][,pareto][,BANDWIDTH], e.g. "
                     "server-redis=1ms±200us (see `revbench link`)");
  command.add_option("--store-rtt", o.store_rtts,
                     "Sweep the stores' distance: every strategy and scenario again at each round trip (comma-separated, "
                     "e.g. 0,250us,1ms,5ms; 0: direct), on server-redis, server-postgres and subscriber-redis; replaces a "
                     "script's own network.store_rtt")
      ->delimiter(',');
  add_topology_flags(command, {o.redis_topology, o.pg_topology, o.read_from, o.min_replicas_to_write});
  command
      .add_option("--balancer", o.balancer,
                  "A load balancer in front of the run's instances: none, or HAProxy, started for the run, balancing "
                  "haproxy:roundrobin (haproxy), haproxy:leastconn or haproxy:sticky (a cookie keeps each client on "
                  "the instance that first answered it); actors and thieves' probes go through it; replaces a "
                  "script's topology.balancer, and its sweep of balancers")
      ->check(CLI::IsMember({"none", "haproxy", "haproxy:roundrobin", "haproxy:leastconn", "haproxy:sticky"}));
  const auto population_count = CLI::Range(0LL, contract::population_limit);
  command
      .add_option("--users", o.population_users,
                  "A population: users in the users table besides the actors' own (bystanders, seeded by COPY with "
                  "one password hash); replaces a script's population.users")
      ->check(population_count);
  command
      .add_option("--live-sessions", o.live_sessions,
                  "A population: sessions of bystanders each strategy keeps state for (allowlist entries, refresh "
                  "families, per-user secrets) before the run; replaces a script's population.live_sessions")
      ->check(population_count);
  command
      .add_option("--prior-revocations", o.prior_revocations,
                  "A population: revocations made before the run and not yet expired (deny-list entries with their "
                  "remaining lifetimes, ended sessions, revoked families); replaces a script's "
                  "population.prior_revocations")
      ->check(population_count);
  command.add_flag("--list", o.list_only,
                   "Print the runs it would play (scenario x strategy, at each sweep point) and the time their phases "
                   "take, then exit without starting anything");
  add_observing_options(command, o);
  return options;
}

int play_session(const session::SessionSpec& spec) {
  const ShutdownSignals signals;
  const SignalStop stop(signals);
  return session::run_session(spec, stop.flag());
}

}  // namespace revbench::cli

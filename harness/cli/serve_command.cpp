// `revbench serve --strategy NAME`: the HTTP server with one strategy, on the
// embedded stores or the given ones, until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "harness/cli/commands.hpp"
#include "harness/cli/duration_flag.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/cli/strategy_flags.hpp"
#include "harness/cli/topology_flags.hpp"
#include "harness/jwt/algorithm.hpp"
#include "harness/server/http_server.hpp"
#include "harness/server/seed.hpp"
#include "harness/store/embedded_stores.hpp"
#include "strategies/registry.hpp"

namespace revbench::cli {
namespace {

struct ServeOptions {
  StoreOptions stores;
  std::string strategy;
  server::ServerConfig server;
  strategies::StrategyOptions strategy_options;
  std::chrono::nanoseconds read_timeout{std::chrono::seconds(30)};
  std::chrono::nanoseconds ready_wait{std::chrono::seconds(10)};
  std::string password_cost = "cheap";
  int seed_users = 1000;
  std::string algorithm = "HS256";
  std::string redis_topology, pg_topology, read_from;
  int min_replicas_to_write = 0;
};

int parse_cost(const std::string& cost) {
  if (cost == "cheap") return server::cheap_password_iterations;
  if (cost == "realistic") return server::realistic_password_iterations;
  try {
    const int iterations = std::stoi(cost);
    if (iterations >= 1) return iterations;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("--password-cost must be cheap, realistic or a number of PBKDF2 iterations");
}

int run(ServeOptions& options) {
  const ShutdownSignals signals;
  auto& config = options.server;
  config.password_iterations = parse_cost(options.password_cost);
  config.read_timeout = std::chrono::duration_cast<std::chrono::seconds>(options.read_timeout);
  if (config.admin_token.empty())
    if (const char* token = std::getenv("REVBENCH_ADMIN_TOKEN")) config.admin_token = token;
  // Instances of one fleet share a seed for their keys; through the
  // environment, so it never shows in a process listing.
  if (const char* seed = std::getenv("REVBENCH_SHARED_SEED")) {
    config.shared_seed = seed;
    options.strategy_options.signing_seed = seed;
  }
  auto& so = options.strategy_options;
  so.algorithm = jwt::parse_algorithm(options.algorithm).value();  // checked by the option
  store::StoreTopology topology;
  if (!options.redis_topology.empty()) topology.redis = *store::redis_topology_named(options.redis_topology);
  if (!options.pg_topology.empty()) topology.postgres = *store::pg_topology_named(options.pg_topology);
  store::Stores stores(options.stores.redis_url, options.stores.pg_url, topology);
  if (options.min_replicas_to_write > 0) stores.require_replicas_for_writes(options.min_replicas_to_write);
  config.redis_url = stores.redis_url();
  config.pg_url = stores.pg_url();
  if (options.read_from == "replica") {
    if (!stores.redis_replica() && !stores.pg_standby())
      throw std::invalid_argument("--read-from replica: no replica; give --redis-topology replicated or --pg-topology standby");
    if (config.redis_read_url.empty()) config.redis_read_url = stores.redis_replica_url();
    if (config.pg_read_url.empty()) config.pg_read_url = stores.pg_standby_url();
  }
  so.redis_reads_replica = !config.redis_read_url.empty();
  so.pg_reads_replica = !config.pg_read_url.empty();
  auto strategy = strategies::make_strategy(options.strategy, so);
  const int added = server::seed_users(config.pg_url, options.seed_users, config.password_iterations);
  server::HttpServer http(config, *strategy);
  const bool stores_ready = http.start(std::chrono::duration_cast<std::chrono::milliseconds>(options.ready_wait));
  std::cout << "strategy " << strategy->name() << ", " << added << " users seeded, redis " << config.redis_url
            << ", postgres " << config.pg_url << (stores_ready ? "" : " (stores not answering yet)") << "\n"
            << "LISTENING http://" << config.bind << ":" << http.port() << std::endl;
  const int received = signals.wait();
  std::cerr << "revbench serve: signal " << received << ", stopping\n";
  http.stop();
  return 0;
}

}  // namespace

Action add_serve_command(CLI::App& app) {
  auto* command = app.add_subcommand("serve", "Serve the HTTP contract with one invalidation strategy");
  auto options = std::make_shared<ServeOptions>();
  add_store_options(*command, options->stores);
  std::string names;
  for (auto name : strategies::strategy_names()) names += (names.empty() ? "" : ", ") + std::string(name);
  command->add_option("--strategy", options->strategy, "One of: " + names)->required();
  command->add_option("--subscriber-redis-url", options->server.subscriber_redis_url,
                      "redis://host:port the strategy's pub/sub subscriber uses [default: the Redis the rest uses]");
  command->add_option("--redis-read-url", options->server.redis_read_url,
                      "redis://host:port of a replica the hot path's checks read from (writes go to --redis-url)");
  command->add_option("--pg-read-url", options->server.pg_read_url,
                      "A PostgreSQL standby the hot path's checks read from (writes go to --pg-url)");
  add_topology_flags(*command,
                     {options->redis_topology, options->pg_topology, options->read_from, options->min_replicas_to_write});
  command->add_option("--bind", options->server.bind, "Address to listen on")->capture_default_str();
  command->add_option("--port", options->server.port, "Port (0: a free one, printed)")->capture_default_str();
  command->add_option("--threads", options->server.threads, "Worker threads")->check(CLI::Range(1, 64))->capture_default_str();
  add_strategy_flags(*command, options->strategy_options, true);
  command->add_option("--alg", options->algorithm,
                      "Signing algorithm: HS256, RS256, ES256 or EdDSA (asymmetric keys are published at "
                      "/.well-known/jwks.json)")
      ->check(CLI::IsMember({"HS256", "RS256", "ES256", "EdDSA"}))
      ->capture_default_str();
  command->add_option("--admin-token", options->server.admin_token,
                      "Admin bearer token (or REVBENCH_ADMIN_TOKEN); without one, admin endpoints answer 403");
  command->add_flag("--admin-from-anywhere", options->server.admin_from_anywhere,
                    "Accept admin requests from non-loopback peers");
  command->add_flag("--no-pipelining", [o = options.get()](std::int64_t) { o->server.store_pipelining = false; },
                    "One store command in flight per connection (measures what automatic pipelining buys)");
  command->add_flag("--load-user-row", options->server.load_user_row,
                    "Model an app that reads the user row on every request");
  command
      ->add_option_function<std::string>(
          "--reset-delivery",
          [o = options.get()](const std::string& where) {
            o->server.reset_delivery = where == "response" ? server::ResetDelivery::response : server::ResetDelivery::none;
          },
          "Where a password-reset token goes: none (nobody; every request answers 202 alike) or response "
          "(to the caller: the benchmark plays the mailbox, and an unknown user is a 404)")
      ->check(CLI::IsMember({"none", "response"}))
      ->default_str("none");
  command->add_option("--password-cost", options->password_cost,
                      "PBKDF2 cost: cheap (1000 iterations), realistic (600000) or a number")->capture_default_str();
  command->add_option("--seed-users", options->seed_users, "Users to create before serving")->capture_default_str();
  add_duration_flag(*command, "--read-timeout", options->read_timeout, "s", "How long a connection may take to send a request [default: 30s]");
  add_duration_flag(*command, "--ready-wait", options->ready_wait, "s",
                    "How long LISTENING waits for the stores and for the strategy's memory to catch up with them (a "
                    "deny-list of millions takes seconds); past it the server listens anyway, catching up meanwhile "
                    "[default: 10s]");
  command->add_option("--max-connections", options->server.max_connections, "Connection cap")->capture_default_str();
  command
      ->add_option("--hashing-queue", options->server.hashing_queue,
                   "Requests hashing a password (login, password change, reset) at once, waiting included; past "
                   "it: 503 overloaded")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  return [options] { return run(*options); };
}

}  // namespace revbench::cli

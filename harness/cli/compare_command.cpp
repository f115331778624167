// `revbench compare`: every strategy on the same embedded stores, measured
// the same way, side by side: what the hot path costs under an open-loop load
// and how long a stolen token survives a logout.
#include <CLI/CLI.hpp>


#include <iomanip>
#include <iostream>
#include <sstream>

#include "harness/cli/commands.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/load/load_runner.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/load/log_in.hpp"
#include "harness/load/revocation_lag.hpp"
#include "harness/server/http_server.hpp"
#include "harness/server/seed.hpp"
#include "harness/store/embedded_stores.hpp"
#include "results/results_file.hpp"
#include "strategies/registry.hpp"

namespace revbench::cli {
namespace {

struct CompareOptions {
  StoreOptions stores;
  std::vector<std::string> strategies;
  double rate = 2000;
  int connections = 8;
  double duration_s = 5;
  double warmup_s = 1;
  int access_ttl = 2;
  int lag_trials = 3;
  std::string out;
  std::string command;
};

struct Row {
  std::string strategy;
  load::LoadReport load;
  load::LagReport lag;
  std::string promise;  // for a single-device logout
  bool kept = false;    // the measurement agrees with the promise
};

// Does the measured logout lag keep the strategy's promise?
bool promise_kept(const std::string& promise, const load::LagReport& lag, int access_ttl) {
  if (lag.never_rejected != 0) return false;
  if (promise == "after_access_ttl") return lag.lag.max() <= std::chrono::seconds(access_ttl + 1);
  return lag.accepted_after_revoke == 0;  // immediate, everyone_logged_out
}

double ms(std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e6; }

void print_table(const std::vector<Row>& rows, const CompareOptions& o) {
  std::cout << "\nGET /api/resource, open loop at " << o.rate << " req/s for " << o.duration_s - o.warmup_s
            << " s after " << o.warmup_s << " s warm-up (the strategy's own access TTL); logout lag over "
            << o.lag_trials << " trials with a " << o.access_ttl << " s access TTL; server on 1 thread\n\n";
  std::cout << std::left << std::setw(18) << "strategy" << std::right << std::setw(10) << "req/s" << std::setw(9)
            << "p50 ms" << std::setw(9) << "p99 ms" << std::setw(10) << "p99.9 ms" << std::setw(11) << "redis/req"
            << std::setw(8) << "pg/req" << std::setw(14) << "lag p50 ms" << std::setw(14) << "lag max ms"
            << std::setw(16) << "thief accepted" << std::setw(14) << "rejected as" << "  logout promise\n";
  for (const auto& row : rows) {
    const auto& s = row.load.stats;
    const double n = std::max<double>(1, static_cast<double>(s.requests()));
    std::cout << std::left << std::setw(18) << row.strategy << std::right << std::fixed << std::setprecision(1)
              << std::setw(10) << row.load.achieved_rate << std::setprecision(3) << std::setw(9)
              << ms(s.corrected.percentile(50)) << std::setw(9) << ms(s.corrected.percentile(99)) << std::setw(10)
              << ms(s.corrected.percentile(99.9)) << std::setprecision(2) << std::setw(11)
              << static_cast<double>(s.redis_ops) / n << std::setw(8) << static_cast<double>(s.pg_ops) / n
              << std::setprecision(3) << std::setw(14) << ms(row.lag.lag.percentile(50)) << std::setw(14)
              << ms(row.lag.lag.max()) << std::setw(16) << row.lag.accepted_after_revoke << std::setw(14)
              << (row.lag.reasons.empty() ? std::string("-") : row.lag.reasons.front()) << "  " << row.promise
              << (row.kept ? " (kept)" : " (BROKEN)")
              << (row.lag.never_rejected > 0 ? ", " + std::to_string(row.lag.never_rejected) + " never rejected" : "")
              << "\n";
    std::uint64_t errors = 0;
    for (const auto& [status, count] : s.statuses)
      if (status != 200) errors += count;
    if (errors != 0) std::cout << "    " << errors << " of " << s.requests() << " requests did not get 200\n";
    if (!row.load.warning.empty()) std::cout << "    warning: " << row.load.warning << "\n";
  }
}

server::ServerConfig server_config(const store::Stores& stores) {
  server::ServerConfig config;
  config.redis_url = stores.redis_url();
  config.pg_url = stores.pg_url();
  config.threads = 1;  // the generator gets the other core
  config.admin_token = jwt::random_id();
  return config;
}

int run(const CompareOptions& o) {
  const ShutdownSignals signals;  // blocked: a Ctrl-C ends at the next strategy boundary, stores cleaned up
  store::Stores stores(o.stores.redis_url, o.stores.pg_url);
  const int users = 100 + static_cast<int>(o.strategies.size()) * (o.lag_trials + 1);
  server::seed_users(stores.pg_url(), users, server::cheap_password_iterations);
  std::cout << "stores: redis " << stores.redis_url() << ", postgres " << stores.pg_url() << "; " << users
            << " users\n";

  std::vector<Row> rows;
  boost::json::array strategy_results;
  int next_user = 100;
  for (const auto& name : o.strategies) {
    if (signals.wait_for(std::chrono::milliseconds(0)) != 0) {
      std::cerr << "interrupted\n";
      break;
    }
    std::cout << "measuring " << name << "..." << std::endl;
    Row row{name, {}, {}, {}, false};
    std::string& promise = row.promise;
    {
      // The hot path, with the strategy's own access TTL so no token expires mid-run.
      auto strategy = strategies::make_strategy(name, {});
      for (const auto& p : strategy->promises())
        if (p.event == strategies::Event::logout) promise = std::string(strategies::to_string(p.promise));
      server::HttpServer http(server_config(stores), *strategy);
      if (!http.start()) throw std::runtime_error("the server's stores did not answer");
      const load::HttpTarget target{"127.0.0.1", http.port()};
      const std::string user = server::seeded_user(1);
      const load::LoadRequest request{"GET", "/api/resource", {}, load::log_in(target, user, server::seeded_password(user))};
      load::LoadPlan plan;
      plan.rate = o.rate;
      plan.connections = o.connections;
      plan.duration = std::chrono::milliseconds(static_cast<long>(o.duration_s * 1000));
      plan.warmup = std::chrono::milliseconds(static_cast<long>(o.warmup_s * 1000));
      row.load = load::run_load(target, plan, [&request] { return request; });
      http.stop();
    }
    {
      // Revocation lag, with a short access TTL so that "after the TTL" ends within the run.
      strategies::StrategyOptions short_lived;
      short_lived.access_ttl = std::chrono::seconds(o.access_ttl);
      auto strategy = strategies::make_strategy(name, short_lived);
      server::HttpServer http(server_config(stores), *strategy);
      if (!http.start()) throw std::runtime_error("the server's stores did not answer");
      load::LagPlan lag;
      lag.instances = {load::HttpTarget{"127.0.0.1", http.port()}};
      lag.event = load::RevokingEvent::logout;
      lag.trials = o.lag_trials;
      lag.first_user = next_user;
      lag.give_up = std::chrono::seconds(o.access_ttl + 3);
      next_user += o.lag_trials + 1;
      row.lag = load::measure_revocation_lag(lag);
      if (!row.lag.error.empty()) throw std::runtime_error(name + ": " + row.lag.error);
      http.stop();
    }
    row.kept = promise_kept(promise, row.lag, o.access_ttl);

    strategy_results.push_back({{"strategy", name},
                                {"logout_promise", promise},
                                {"logout_promise_kept", row.kept},
                                {"load", results::load_report_to_json(row.load)},
                                {"logout_lag", {{"histogram", results::histogram_to_json(row.lag.lag)},
                                                {"lag_p50_seconds", ms(row.lag.lag.percentile(50)) / 1e3},
                                                {"lag_max_seconds", ms(row.lag.lag.max()) / 1e3},
                                                {"accepted_after_revoke", row.lag.accepted_after_revoke},
                                                {"never_rejected", row.lag.never_rejected}}}});
    rows.push_back(std::move(row));
  }
  print_table(rows, o);
  if (!o.out.empty()) {
    results::write_atomically(o.out, {{"schema_version", results::schema_version},
                                      {"kind", "compare"},
                                      {"complete", rows.size() == o.strategies.size()},
                                      {"command", o.command},
                                      {"machine", results::machine_context()},
                                      {"config", {{"rate_per_second", o.rate}, {"connections", o.connections},
                                                  {"duration_seconds", o.duration_s}, {"warmup_seconds", o.warmup_s},
                                                  {"access_ttl_seconds", o.access_ttl}, {"lag_trials", o.lag_trials},
                                                  {"server_threads", 1}}},
                                      {"strategies", std::move(strategy_results)}});
    std::cout << "results: " << o.out << "\n";
  }
  if (rows.size() != o.strategies.size()) return 130;
  for (const auto& row : rows)
    if (!row.kept) {
      std::cerr << row.strategy << " did not keep its logout promise (" << row.promise << ")\n";
      return 4;
    }
  return 0;
}

}  // namespace

Action add_compare_command(CLI::App& app, const std::string& command_line) {
  auto* command = app.add_subcommand("compare", "Measure every strategy the same way and print them side by side");
  auto o = std::make_shared<CompareOptions>();
  o->command = command_line;
  for (auto name : strategies::strategy_names()) o->strategies.emplace_back(name);
  add_store_options(*command, o->stores);
  command->add_option("--strategy", o->strategies, "Strategies to compare (default: all)");
  command->add_option("--rate", o->rate, "Open-loop request rate on GET /api/resource")->capture_default_str();
  command->add_option("--connections", o->connections, "Load connections")->capture_default_str();
  command->add_option("--duration", o->duration_s, "Seconds of load per strategy, warm-up included")->capture_default_str();
  command->add_option("--warmup", o->warmup_s, "Seconds of warm-up")->capture_default_str();
  command->add_option("--access-ttl", o->access_ttl, "Access token lifetime for every strategy (short, so lags finish)")
      ->capture_default_str();
  command->add_option("--lag-trials", o->lag_trials, "Logout revocation-lag trials per strategy")->capture_default_str();
  command->add_option("--out", o->out, "Write the results file (JSON) here");
  return [o] { return run(*o); };
}

}  // namespace revbench::cli

// `revbench stores`: start the embedded stores (or check the given ones),
// print where they are, and keep them until SIGINT or SIGTERM.
#include <CLI/CLI.hpp>

#include <iostream>

#include "harness/cli/commands.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/store/embedded_stores.hpp"

namespace revbench::cli {

Action add_stores_command(CLI::App& app) {
  auto* command = app.add_subcommand("stores", "Start embedded Redis and PostgreSQL, print their URLs, wait for a signal");
  auto options = std::make_shared<StoreOptions>();
  add_store_options(*command, *options);
  return [options] {
    const ShutdownSignals signals;
    store::Stores stores(options->redis_url, options->pg_url);
    // The names the store options read from the environment.
    std::cout << "REVBENCH_REDIS_URL=" << stores.redis_url() << "\n" << "REVBENCH_PG_URL=" << stores.pg_url() << "\n";
    if (const auto* redis = stores.embedded_redis())
      std::cout << "REDIS_PID=" << redis->pid() << "\n" << "REDIS_DIR=" << redis->dir().string() << "\n";
    if (const auto* postgres = stores.embedded_postgres())
      std::cout << "PG_PID=" << postgres->pid() << "\n" << "PG_DIR=" << postgres->dir().string() << "\n";
    std::cout << "READY" << std::endl;
    const int received = signals.wait();
    std::cerr << "revbench stores: signal " << received << ", stopping the stores\n";
    return 0;
  };
}

}  // namespace revbench::cli

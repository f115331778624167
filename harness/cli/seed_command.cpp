// `revbench seed --users N`: create users user-000001... (password pw-<name>).
#include <CLI/CLI.hpp>

#include <iostream>

#include "harness/cli/commands.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/server/seed.hpp"
#include "harness/store/migrations.hpp"

namespace revbench::cli {

Action add_seed_command(CLI::App& app) {
  auto* command = app.add_subcommand("seed", "Create users in a PostgreSQL (migrating it first)");
  auto pg_url = std::make_shared<std::string>();
  auto users = std::make_shared<int>(1000);
  auto iterations = std::make_shared<int>(server::cheap_password_iterations);
  command->add_option("--pg-url", *pg_url, "libpq URL of the database")->envname("REVBENCH_PG_URL")->required();
  command->add_option("--users", *users, "How many users")->check(CLI::Range(1, 10000000))->capture_default_str();
  command->add_option("--password-iterations", *iterations, "PBKDF2 iterations")->capture_default_str();
  return [=] {
    store::apply_migrations(*pg_url);
    const int added = server::seed_users(*pg_url, *users, *iterations);
    std::cout << added << " users added (" << *users - added << " already there)\n";
    return 0;
  };
}

}  // namespace revbench::cli

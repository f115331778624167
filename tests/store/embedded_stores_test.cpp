// The embedded servers are never left behind: not on SIGTERM, not on SIGINT,
// not when revbench itself is killed.
#include "harness/store/embedded_stores.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "harness/store/migrations.hpp"
#include "store_environment.hpp"

namespace revbench::store {
namespace {
using namespace std::chrono_literals;

// Dead or a zombie waiting for a reaper: either way no longer serving.
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, comm, state;
  if (!(stat >> pid_field >> comm >> state)) return false;
  return state != "Z" && state != "X";
}

bool dies_within(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (alive(pid)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

// Starts `revbench stores` and reads what it prints until READY.
struct StoresProcess {
  pid_t pid = -1;
  std::map<std::string, std::string> printed;

  StoresProcess() {
    const char* bin = std::getenv("REVBENCH_BIN");
    if (bin == nullptr) throw std::runtime_error("REVBENCH_BIN is not set (run through ctest)");
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid = fork();
    if (pid == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      execl(bin, bin, "stores", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* stream = fdopen(out[0], "r");
    char line[512];
    while (std::fgets(line, sizeof line, stream) != nullptr) {
      std::string text(line);
      if (!text.empty() && text.back() == '\n') text.pop_back();
      if (text == "READY") break;
      const auto eq = text.find('=');
      if (eq != std::string::npos) printed[text.substr(0, eq)] = text.substr(eq + 1);
    }
    std::fclose(stream);
  }
  pid_t redis_pid() const { return std::stoi(printed.at("REDIS_PID")); }
  pid_t pg_pid() const { return std::stoi(printed.at("PG_PID")); }
  int wait() const {
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
  }
};

TEST(EmbeddedStores, SigtermStopsTheServersAndRemovesTheirFiles) {
  for (int sig : {SIGTERM, SIGINT}) {
    StoresProcess stores;
    ASSERT_TRUE(alive(stores.redis_pid()));
    ASSERT_TRUE(alive(stores.pg_pid()));
    const std::filesystem::path redis_dir = stores.printed.at("REDIS_DIR");
    const std::filesystem::path pg_dir = stores.printed.at("PG_DIR");
    EXPECT_TRUE(std::filesystem::exists(redis_dir));
    EXPECT_TRUE(std::filesystem::exists(pg_dir / "data" / "PG_VERSION"));
    kill(stores.pid, sig);
    const int status = stores.wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "signal " << sig;
    EXPECT_FALSE(alive(stores.redis_pid()));
    EXPECT_FALSE(alive(stores.pg_pid()));
    EXPECT_FALSE(std::filesystem::exists(redis_dir));
    EXPECT_FALSE(std::filesystem::exists(pg_dir));
  }
}

TEST(EmbeddedStores, KillingRevbenchTakesTheServersWithIt) {
  StoresProcess stores;
  ASSERT_TRUE(alive(stores.redis_pid()));
  ASSERT_TRUE(alive(stores.pg_pid()));
  kill(stores.pid, SIGKILL);
  stores.wait();
  EXPECT_TRUE(dies_within(stores.redis_pid(), 5s));
  EXPECT_TRUE(dies_within(stores.pg_pid(), 5s));
}

TEST(EmbeddedStores, GivenUrlsReplaceTheEmbeddedServers) {
  Stores stores(testing::shared_redis().url(), testing::shared_postgres().url());
  EXPECT_EQ(stores.embedded_redis(), nullptr);
  EXPECT_EQ(stores.embedded_postgres(), nullptr);
  EXPECT_EQ(stores.redis_url(), testing::shared_redis().url());
  EXPECT_EQ(stores.pg_url(), testing::shared_postgres().url());
}

TEST(EmbeddedStores, StartsBothWhenNoUrlIsGiven) {
  Stores stores(std::nullopt, std::nullopt);
  ASSERT_NE(stores.embedded_redis(), nullptr);
  ASSERT_NE(stores.embedded_postgres(), nullptr);
  EXPECT_TRUE(alive(stores.embedded_redis()->pid()));
  EXPECT_EQ(testing::pg_scalar(stores.pg_url(), "SELECT count(*) FROM schema_migrations"),
            static_cast<long long>(migrations().size()));
}

// The port an embedded server was given can be taken before it binds it (by
// another test's server, most often). It used to take whoever answered PING
// there for itself; now it starts again on another port and only trusts an
// answer from its own process.
TEST(EmbeddedStores, AServerWhosePortWasTakenStartsOnAnother) {
  const auto& taken_redis = testing::shared_redis();
  EmbeddedRedis redis("redis-server", taken_redis.port());
  EXPECT_NE(redis.port(), taken_redis.port());
  EXPECT_TRUE(alive(redis.pid()));
  EXPECT_EQ(testing::redis_info(redis.port(), "server").find("process_id:" + std::to_string(taken_redis.pid())),
            std::string::npos)
      << "its url reaches the other server";

  const auto& taken_postgres = testing::shared_postgres();
  EmbeddedPostgres postgres({}, taken_postgres.port());
  EXPECT_NE(postgres.port(), taken_postgres.port());
  EXPECT_TRUE(alive(postgres.pid()));
}

}  // namespace
}  // namespace revbench::store

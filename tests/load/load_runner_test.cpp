// The open-loop generator against a real revbench server: it keeps its rate,
// and it does not hide a stalled server (coordinated omission).
#include "harness/load/load_runner.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "../server/test_server.hpp"
#include "../store/store_environment.hpp"
#include "harness/store/child_process.hpp"
#include "harness/store/temp_dir.hpp"

namespace revbench::load {
namespace {
using namespace std::chrono_literals;

LoadRequest resource_request(testing::TestServer& server) {
  return LoadRequest{"GET", "/api/resource", {}, server.login(testing::TestServer::fresh_user()).field("access_token")};
}

TEST(LoadRunner, OpenLoopKeepsItsRateWithinOnePercent) {
  testing::TestServer server("short-ttl");
  const LoadRequest request = resource_request(server);
  LoadPlan plan;
  plan.rate = 2000;
  plan.connections = 4;
  plan.duration = 3500ms;
  plan.warmup = 500ms;
  const auto report = run_load(HttpTarget{"127.0.0.1", server.port()}, plan, [&] { return request; });
  EXPECT_EQ(report.stats.requests(), 6000U);
  EXPECT_NEAR(report.achieved_rate, plan.rate, plan.rate * 0.01) << report.warning;
  EXPECT_EQ(report.stats.statuses.at(200), report.stats.requests());
}

TEST(LoadRunner, ClosedLoopRunsItsVirtualUsersForTheDuration) {
  testing::TestServer server("short-ttl");
  const LoadRequest request = resource_request(server);
  LoadPlan plan;
  plan.mode = LoadPlan::Mode::closed;
  plan.connections = 4;
  plan.duration = 1000ms;
  plan.think_time = 10ms;
  const auto report = run_load(HttpTarget{"127.0.0.1", server.port()}, plan, [&] { return request; });
  // 4 users, one request per ~10 ms each, for a second.
  EXPECT_GT(report.stats.requests(), 200U);
  EXPECT_LT(report.stats.requests(), 420U);
  EXPECT_EQ(report.stats.corrected.percentile(99), report.stats.uncorrected.percentile(99));
}

TEST(LoadRunner, AStalledServerShowsInTheCorrectedTailOnly) {
  // The server runs in its own process so that it can be stopped.
  const char* bin = std::getenv("REVBENCH_BIN");
  ASSERT_NE(bin, nullptr) << "run through ctest";
  store::TempDir dir("revbench-load-test");
  const std::string log = (dir.path() / "serve.log").string();
  store::ChildProcess serve(store::ChildOptions{{bin, "serve", "--strategy", "short-ttl", "--seed-users", "10",
                                                 "--redis-url", store::testing::shared_redis().url(), "--pg-url",
                                                 store::testing::shared_postgres().url()},
                                                std::nullopt, log, dir.path().string()});
  std::uint16_t port = 0;
  for (int i = 0; i < 500 && port == 0; ++i) {
    std::this_thread::sleep_for(20ms);
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("LISTENING http://127.0.0.1:", 0) == 0) port = static_cast<std::uint16_t>(std::stoi(line.substr(27)));
  }
  ASSERT_NE(port, 0) << store::tail_of(log);

  LoadPlan plan;
  plan.rate = 1000;
  plan.connections = 2;
  plan.duration = 4500ms;
  plan.warmup = 500ms;
  LoadReport report;
  std::thread load([&] { report = run_load(HttpTarget{"127.0.0.1", port}, plan, [] { return LoadRequest{"GET", "/nowhere", {}, {}}; }); });
  std::this_thread::sleep_for(2s);
  serve.signal(SIGSTOP);
  std::this_thread::sleep_for(500ms);
  serve.signal(SIGCONT);
  load.join();

  EXPECT_EQ(report.stats.requests(), 4000U);
  EXPECT_GE(report.stats.corrected.percentile(99.9), 400ms);
  EXPECT_LT(report.stats.uncorrected.percentile(99.9), 100ms);
  EXPECT_GE(report.stats.uncorrected.max(), 400ms);  // the requests caught in the stall
}

}  // namespace
}  // namespace revbench::load

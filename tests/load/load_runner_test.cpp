// The open-loop generator against a real revbench server: it keeps its rate,
// and it does not hide a stalled server (coordinated omission).
#include "harness/load/load_runner.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json/parse.hpp>

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
  const auto report = run_load(HttpTarget{"127.0.0.1", server.port()}, plan, request);
  EXPECT_EQ(report.stats.requests(), 6000U);
  EXPECT_NEAR(report.achieved_rate, plan.rate, plan.rate * 0.01) << report.warning;
  EXPECT_EQ(report.stats.statuses.at(200), report.stats.requests());
}

// A ramp 0 -> 1000 req/s over 2 s, then 1000 req/s for 1 s: exactly the
// area under the rate curve is sent (the ramp's second half carries three
// times its first half's 250).
TEST(LoadRunner, RampingStagesSendWhatTheRateCurvePromises) {
  testing::TestServer server("short-ttl");
  const LoadRequest request = resource_request(server);
  LoadPlan plan;
  plan.rate = 0;
  plan.stages = {{2000ms, 1000}, {1000ms, 1000}};
  plan.connections = 4;
  plan.warmup = 1000ms;  // the first half of the ramp: 250 requests sent, not recorded
  const auto report = run_load(HttpTarget{"127.0.0.1", server.port()}, plan, request);
  EXPECT_EQ(report.stats.requests(), 750U + 1000U);
  EXPECT_EQ(report.stats.statuses.at(200), report.stats.requests());
  EXPECT_TRUE(report.warning.empty()) << report.warning;
}

// A request count ends a run before its duration, in both modes, to the request.
TEST(LoadRunner, ARequestCountEndsTheRun) {
  testing::TestServer server("short-ttl");
  const LoadRequest request = resource_request(server);
  LoadPlan plan;
  plan.rate = 1000;
  plan.connections = 4;
  plan.threads = 2;
  plan.duration = 30000ms;
  plan.max_requests = 777;
  const auto started = std::chrono::steady_clock::now();
  const auto open = run_load(HttpTarget{"127.0.0.1", server.port()}, plan, request);
  EXPECT_EQ(open.stats.requests(), 777U);
  EXPECT_NEAR(open.achieved_rate, 1000, 20) << "the rate is measured over the run, not the 30 s cap";
  plan.mode = LoadPlan::Mode::closed;
  const auto closed = run_load(HttpTarget{"127.0.0.1", server.port()}, plan, request);
  EXPECT_EQ(closed.stats.requests(), 777U);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
}

TEST(LoadRunner, ClosedLoopRunsItsVirtualUsersForTheDuration) {
  testing::TestServer server("short-ttl");
  const LoadRequest request = resource_request(server);
  LoadPlan plan;
  plan.mode = LoadPlan::Mode::closed;
  plan.connections = 4;
  plan.duration = 1000ms;
  plan.think_time = 10ms;
  const auto report = run_load(HttpTarget{"127.0.0.1", server.port()}, plan, request);
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
  const LoadRequest nowhere{"GET", "/nowhere", {}, {}};
  std::thread load([&] { report = run_load(HttpTarget{"127.0.0.1", port}, plan, nowhere); });
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

// `revbench load` against /healthz in a process of its own; what it prints goes to `log`.
struct LoadProcess {
  store::TempDir dir{"revbench-load-cli"};
  std::string log = (dir.path() / "load.log").string();
  store::ChildProcess process;

  LoadProcess(std::uint16_t port, std::vector<std::string> options) {
    const char* bin = std::getenv("REVBENCH_BIN");
    if (bin == nullptr) throw std::runtime_error("REVBENCH_BIN is not set (run through ctest)");
    std::vector<std::string> argv{bin, "load", "--target", "http://127.0.0.1:" + std::to_string(port), "--path",
                                  "/healthz", "--warmup", "0"};
    argv.insert(argv.end(), options.begin(), options.end());
    process = store::ChildProcess(store::ChildOptions{argv, std::nullopt, log, dir.path().string()});
  }
  std::string printed() const { return store::tail_of(log, 100000); }
};

// `revbench load --out` interrupted by SIGINT still leaves a valid results
// file, marked incomplete, with what it measured.
TEST(LoadCommand, InterruptedRunLeavesAValidIncompleteResultsFile) {
  testing::TestServer server("short-ttl");
  store::TempDir results("revbench-load-results");
  const std::string out = (results.path() / "run.json").string();
  LoadProcess load(server.port(), {"--rate", "200", "--duration", "30", "--out", out});
  std::this_thread::sleep_for(1500ms);
  ::kill(load.process.pid(), SIGINT);
  for (int i = 0; i < 200 && load.process.running(); ++i) std::this_thread::sleep_for(25ms);
  ASSERT_FALSE(load.process.running()) << load.printed();
  std::ifstream in(out);
  ASSERT_TRUE(in.good()) << load.printed();
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = boost::json::parse(text.str()).as_object();
  EXPECT_FALSE(doc.at("complete").as_bool());
  EXPECT_EQ(doc.at("schema_version").as_int64(), 1);
  EXPECT_GT(doc.at("result").at("requests").to_number<int>(), 100);
  EXPECT_LT(doc.at("result").at("requests").to_number<int>(), 1000);
  EXPECT_NE(doc.at("command").as_string().find("--rate 200"), std::string::npos);
  // Not a terminal: plain progress lines, about one a second.
  const std::string printed = load.printed();
  EXPECT_NE(printed.find("/30.0 s]"), std::string::npos) << printed;
  EXPECT_NE(printed.find("req/s  p99"), std::string::npos) << printed;
}

// While it runs, `revbench load --metrics-port 0` serves its own metrics,
// and Prometheus's linter accepts them.
TEST(LoadCommand, ServesItsOwnMetricsWhileItRuns) {
  testing::TestServer server("short-ttl");
  LoadProcess load(server.port(), {"--rate", "300", "--duration", "5", "--metrics-port", "0"});
  std::this_thread::sleep_for(2500ms);
  const std::string printed = load.printed();
  const auto at = printed.find("METRICS http://127.0.0.1:");
  ASSERT_NE(at, std::string::npos) << printed;
  const auto port = static_cast<std::uint16_t>(std::stoi(printed.substr(at + 25)));
  const std::string metrics = testing::HttpClient(port).get("/metrics").body;
  const std::string ok_series = "revbench_load_requests_total{outcome=\"ok\",scenario=\"load\",strategy=\"short-ttl\"} ";
  const auto count_at = metrics.find(ok_series);
  ASSERT_NE(count_at, std::string::npos) << metrics;
  EXPECT_GT(std::stod(metrics.substr(count_at + ok_series.size())), 250.0) << metrics;  // ~300/s for 2 s
  EXPECT_NE(metrics.find("revbench_load_request_duration_seconds_bucket{scenario=\"load\",strategy=\"short-ttl\",le=\"0.001\"}"), std::string::npos) << metrics;
  // The generator's own delay: every slot an idle connection woke for, each a few hundred microseconds late at most.
  const auto figure = [&](const std::string& series) {
    const auto found = metrics.find(series + " ");
    return found == std::string::npos ? -1.0 : std::stod(metrics.substr(found + series.size() + 1));
  };
  const double woke = figure("revbench_load_generator_lag_seconds_count{scenario=\"load\",strategy=\"short-ttl\"}");
  EXPECT_GT(woke, 250.0) << metrics;
  EXPECT_LT(figure("revbench_load_generator_lag_seconds_sum{scenario=\"load\",strategy=\"short-ttl\"}") / woke, 0.05) << metrics;

  const std::string path = (load.dir.path() / "metrics.txt").string();
  std::ofstream(path) << metrics;
  EXPECT_EQ(std::system(("promtool check metrics < " + path + " > /dev/null 2>&1").c_str()), 0);
  load.process.stop(SIGINT, 5s);
}

}  // namespace
}  // namespace revbench::load

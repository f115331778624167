#include "results/results_file.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace revbench::results {
namespace {

TEST(ResultsFile, HistogramsSurviveTheRoundTripThroughJson) {
  load::LatencyHistogram h;
  for (int i = 1; i <= 5000; ++i) h.record(std::chrono::microseconds(i * 3));
  const auto back = histogram_from_json(histogram_to_json(h));
  EXPECT_EQ(back.count(), h.count());
  EXPECT_EQ(back.percentile(99.9), h.percentile(99.9));
  EXPECT_EQ(back.nonzero_cells(), h.nonzero_cells());
  EXPECT_EQ(back.max(), h.max());
  EXPECT_EQ(back.min(), h.min());
}

TEST(ResultsFile, ReportsCarryUnitsInTheirNames) {
  load::LoadReport report;
  report.stats.corrected.record(std::chrono::milliseconds(2));
  report.stats.uncorrected.record(std::chrono::milliseconds(1));
  report.stats.statuses[200] = 1;
  report.stats.redis_ops = 1;
  const auto json = load_report_to_json(report);
  EXPECT_DOUBLE_EQ(json.at("latency_corrected").at("max_seconds").as_double(), 0.002);
  EXPECT_DOUBLE_EQ(json.at("redis_ops_per_request").as_double(), 1.0);
  EXPECT_EQ(json.at("statuses").at("200").to_number<int>(), 1);
}

TEST(ResultsFile, WritesAtomicallyAndDescribesTheMachine) {
  const auto dir = std::filesystem::temp_directory_path() / ("revbench-results-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "run.json").string();
  write_atomically(path, {{"schema_version", schema_version}, {"machine", machine_context()}});
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = boost::json::parse(text.str()).as_object();
  EXPECT_EQ(doc.at("schema_version").as_int64(), schema_version);
  EXPECT_GE(doc.at("machine").at("cores").to_number<int>(), 1);
  EXPECT_FALSE(doc.at("machine").at("git_commit").as_string().empty());
  // Nothing but the file itself is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  std::filesystem::remove_all(dir);
}

TEST(ResultsFile, CommandLinesAreQuotedForTheShell) {
  const char* argv[] = {"revbench", "load", "--threshold", "p99<5ms", "--path", "/api/resource", "it's"};
  EXPECT_EQ(command_line(7, const_cast<char**>(argv)),
            "revbench load --threshold 'p99<5ms' --path /api/resource 'it'\\''s'");
}

TEST(ResultsFile, CommandLinesNeverCarryCredentials) {
  const char* argv[] = {"revbench", "lag", "--admin-token", "s3cret", "--token=eyJ.x.y", "--trials", "3", "--token", "t0k"};
  const std::string line = command_line(9, const_cast<char**>(argv));
  EXPECT_EQ(line, "revbench lag --admin-token '<redacted>' '--token=<redacted>' --trials 3 --token '<redacted>'");
  for (const char* secret : {"s3cret", "eyJ", "t0k"}) EXPECT_EQ(line.find(secret), std::string::npos) << secret;
}

}  // namespace
}  // namespace revbench::results

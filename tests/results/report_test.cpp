// The report's figures from hand-made results files: repeats merged into
// median [min–max], requirements decided by the right figure, the cheapest
// compliant strategy chosen, and both writers saying the same thing.
#include <gtest/gtest.h>

#include <optional>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "results/report/report_builder.hpp"
#include "results/report/strategy_profile.hpp"
#include "results/results_file.hpp"

namespace revbench::results::report {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

struct RunSpec {
  std::string strategy, scenario, event, promise = "immediate";
  std::vector<std::chrono::nanoseconds> lags;
  std::uint64_t accepted_after_revoke = 0, collateral = 0, false_theft = 0, theft = 0;
  std::uint64_t resource_requests = 0;
  double redis_per_request = 0, pg_per_request = 0;
  std::chrono::nanoseconds resource_latency = 500us;
  bool kept = true;
  std::string store_rtt;  // a --store-rtt sweep's point
  std::optional<std::uint64_t> revocations_lost;  // a run that failed a primary over
  json::object topology;                          // empty: none recorded (files before topologies)
  json::array faults;                             // the run's store faults, as results files record them
  json::array more_endpoints;                     // phase x endpoint entries besides the hot path's
};

json::object run_json(const RunSpec& s) {
  json::array endpoints;
  if (s.resource_requests > 0) {
    load::LatencyHistogram h;
    h.record(s.resource_latency, s.resource_requests);
    endpoints.push_back({{"phase", "steady"}, {"endpoint", "resource"}, {"requests", s.resource_requests},
                         {"errors", 0}, {"redis_ops_per_request", s.redis_per_request},
                         {"pg_ops_per_request", s.pg_per_request},
                         {"latency_corrected", {{"histogram", histogram_to_json(h)}}}});
  }
  json::object run{{"strategy", s.strategy}, {"scenario", s.scenario}, {"event", s.event}, {"promise", s.promise},
                   {"promise_note", "note"}, {"verdict", {{"kept", s.kept}, {"reason", s.kept ? "kept" : "lag too long"}}},
                   {"access_ttl_seconds", 2},
                   {"phases", json::array{{{"name", "warmup"}, {"duration_seconds", 1.0}, {"recorded", false}},
                                          {{"name", "steady"}, {"duration_seconds", 4.0}, {"recorded", true}}}},
                   {"endpoints", endpoints},
                   {"security", {{"revocations_probed", s.lags.size()}, {"accepted_after_revoke", s.accepted_after_revoke},
                                 {"collateral_logouts", s.collateral}, {"theft_detections", s.theft},
                                 {"false_theft_detections", s.false_theft}}},
                   {"timeline", json::array{{{"second", 0}, {"requests", 10}, {"logins", 2}, {"errors", 0},
                                             {"max_latency_seconds", 0.001}}}}};
  if (!s.store_rtt.empty()) run["store_rtt"] = s.store_rtt;
  if (!s.topology.empty()) run["topology"] = s.topology;
  if (s.revocations_lost) {
    run["security"].as_object()["revocations_lost"] = *s.revocations_lost;
    run["faults"] = json::array{{{"phase", "failover"}, {"store", "redis"}, {"action", "kill"}, {"failover_seconds", 2.1}}};
  }
  if (!s.faults.empty()) run["faults"] = s.faults;
  for (const auto& endpoint : s.more_endpoints) run["endpoints"].as_array().push_back(endpoint);
  if (!s.lags.empty()) {
    load::LatencyHistogram h;
    for (auto lag : s.lags) h.record(lag);
    run["revocation_lag"] = {{"count", h.count()}, {"histogram", histogram_to_json(h)}};
  }
  return run;
}

class Files {
 public:
  Files() : dir_(std::filesystem::temp_directory_path() / ("revbench-report-test-" + std::to_string(getpid()))) {
    std::filesystem::create_directories(dir_);
  }
  ~Files() { std::filesystem::remove_all(dir_); }
  // Files one after the other are repeats; files whose times overlap are
  // load generators that ran side by side.
  std::string write(const std::string& name, const std::vector<RunSpec>& runs, const std::string& kind = "compare",
                    const std::string& started = "", const std::string& ended = "") {
    ++written_;
    const std::string start = started.empty() ? "2026-11-23T12:0" + std::to_string(written_) + ":00Z" : started;
    const std::string end = ended.empty() ? "2026-11-23T12:0" + std::to_string(written_) + ":30Z" : ended;
    json::array array;
    for (const auto& r : runs) array.push_back(run_json(r));
    const json::object doc{{"kind", kind}, {"complete", true}, {"command", "revbench compare"},
                           {"started_at", start}, {"ended_at", end}, {"machine", {{"cores", 2}, {"kernel", "Linux"}}},
                           {"runs", array}};
    const auto path = (dir_ / name).string();
    std::ofstream(path) << json::serialize(doc);
    return path;
  }
  std::string dir() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
  int written_ = 0;
};

std::vector<RunSpec> one_repeat(std::chrono::nanoseconds denylist_lag, std::uint64_t short_ttl_after) {
  return {
      {"short-ttl", "logout", "logout", "after_access_ttl", {900ms}, short_ttl_after, 0, 0, 0, 0, 0, 0},
      {"short-ttl", "steady-browse", "", "", {}, 0, 0, 0, 0, 4000, 0, 0, 300us},
      {"redis-denylist", "logout", "logout", "immediate", {denylist_lag}, 0, 0, 0, 0, 0, 0, 0},
      {"redis-denylist", "steady-browse", "", "", {}, 0, 0, 0, 0, 4000, 1, 0, 800us},
      {"pg-token-version", "logout", "logout", "immediate", {400us}, 0, 3, 0, 0, 0, 0, 0},
      {"pg-token-version", "steady-browse", "", "", {}, 0, 0, 0, 0, 4000, 0, 1, 900us},
  };
}

std::string markdown_of(const ResultsSet& results, const std::vector<std::string>& requirements) {
  ReportOptions options;
  for (const auto& r : requirements) options.requirements.push_back(parse_requirement(r));
  return to_markdown(build_report(results, options, {}));
}

TEST(Report, RepeatsAreMergedIntoMedianAndRange) {
  Files files;
  const auto results = load_results({files.write("a.json", one_repeat(300us, 100)), files.write("b.json", one_repeat(700us, 300)),
                                     files.write("c.json", one_repeat(500us, 200))});
  EXPECT_EQ(results.repeats("redis-denylist", "logout").size(), 3u);
  const auto profiles = profile_strategies(results, "steady-browse");
  ASSERT_EQ(profiles.size(), 3u);
  const auto& denylist = profiles[1];
  ASSERT_TRUE(denylist.worst_lag_max);
  EXPECT_NEAR(denylist.worst_lag_max->value.median, 500e-6, 5e-6);
  EXPECT_NEAR(denylist.worst_lag_max->value.min, 300e-6, 3e-6);
  EXPECT_NEAR(denylist.worst_lag_max->value.max, 700e-6, 7e-6);
  EXPECT_EQ(denylist.redis_per_request.median, 1);
  EXPECT_EQ(denylist.throughput.median, 1000);  // 4000 requests over 4 recorded seconds
  const std::string md = markdown_of(results, {});
  EXPECT_NE(md.find("| `short-ttl` | logout | within the access TTL (2 s) | yes | 900 ms | 900 ms | 900 ms | 200 [100–300] | 0 | 0 |"),
            std::string::npos) << md;
  EXPECT_NE(md.find("up to 3 times each"), std::string::npos);
}

TEST(Report, GeneratorsThatRanSideBySideArePooledIntoOneRun) {
  Files files;
  const auto a = files.write("gen-1.json", one_repeat(300us, 100), "run", "2026-11-23T12:00:00Z", "2026-11-23T12:00:30Z");
  const auto b = files.write("gen-2.json", one_repeat(700us, 300), "run", "2026-11-23T12:00:01Z", "2026-11-23T12:00:31Z");
  const auto results = load_results({a, b});
  ASSERT_EQ(results.repeats("redis-denylist", "steady-browse").size(), 1u);
  const RunRecord& hot = *results.repeats("redis-denylist", "steady-browse").front();
  EXPECT_EQ(hot.endpoints.at("resource").requests, 8000u);
  EXPECT_EQ(hot.endpoints.at("resource").throughput(), 2000);  // two generators, the same 4 s
  const RunRecord& logout = *results.repeats("short-ttl", "logout").front();
  EXPECT_EQ(logout.security.accepted_after_revoke, 400u);
  EXPECT_EQ(logout.revocation_lag->count(), 2u);
  ASSERT_EQ(results.sources.size(), 1u);
  EXPECT_EQ(results.sources.front().pooled_with, std::vector<std::string>{"gen-2.json"});
  EXPECT_NE(markdown_of(results, {}).find("`gen-1.json` (with `gen-2.json`, which ran at the same time"), std::string::npos);
}

TEST(Report, TheCheapestStrategyMeetingEveryDriverIsChosen) {
  Files files;
  const auto results = load_results({files.write("a.json", one_repeat(300us, 100))});
  // No store call and within its promise: short-ttl is cheapest.
  EXPECT_NE(markdown_of(results, {}).find("Chosen option: `short-ttl`"), std::string::npos);
  // A lag bound rules it out; per-device logout rules out pg-token-version (3 other sessions).
  const std::string md = markdown_of(results, {"lag<1ms", "per-device-logout"});
  EXPECT_NE(md.find("Chosen option: `redis-denylist`"), std::string::npos) << md;
  EXPECT_NE(md.find("✗ worst lag 900 ms (logout)"), std::string::npos);
  EXPECT_NE(md.find("✗ logout: 3 other sessions ended"), std::string::npos);
  // Nothing meets an impossible bound: the report says so and names the closest.
  EXPECT_NE(markdown_of(results, {"lag<1us"}).find("No strategy meets every driver"), std::string::npos);
}

// Counted only where a primary failed over: elsewhere nothing measured it.
// A run of store-outage-redis as results files record it: the kill and the
// stall, and what GET /api/resource answered during the kill.
RunSpec redis_outage(const std::string& strategy, std::uint64_t answered, std::uint64_t refused) {
  RunSpec run{strategy, "store-outage-redis", "", ""};
  run.faults = {{{"phase", "redis-killed"}, {"store", "redis"}, {"action", "kill"}},
                {{"phase", "redis-stalled"}, {"store", "redis"}, {"action", "stop"}}};
  json::object outcomes;
  if (answered > 0) outcomes["200"] = answered;
  if (refused > 0) outcomes["503 store_unavailable"] = refused;
  load::LatencyHistogram h;
  h.record(1ms, answered + refused);
  run.more_endpoints = {{{"phase", "redis-killed"}, {"endpoint", "resource"}, {"requests", answered + refused},
                         {"errors", refused}, {"outcomes", outcomes}, {"redis_ops_per_request", 0}, {"pg_ops_per_request", 0},
                         {"latency_corrected", {{"histogram", histogram_to_json(h)}}}},
                        {{"phase", "redis-stalled"}, {"endpoint", "resource"}, {"requests", 5}, {"errors", 0},
                         {"outcomes", {{"200", 5}}}, {"redis_ops_per_request", 0}, {"pg_ops_per_request", 0},
                         {"latency_corrected", {{"histogram", histogram_to_json(h)}}}}};
  return run;
}

TEST(Report, TheRecordHasMadrsShape) {
  Files files;
  auto runs = one_repeat(2ms, 40);
  runs.push_back(redis_outage("redis-denylist", 0, 400));
  runs.push_back(redis_outage("short-ttl", 400, 0));
  const auto results = load_results({files.write("a.json", runs, "compare", "2026-11-20T23:59:00Z")});
  ReportOptions options;
  options.requirements.push_back(parse_requirement("lag<1s"));
  options.deciders = "Ana \"AL\" Lima, Bo Chen";
  const auto md = to_markdown(build_report(results, options, {}));
  EXPECT_EQ(md.substr(0, md.find("\n\n")),
            "---\nstatus: \"proposed\"\ndate: \"2026-11-20\"\ndeciders: \"Ana \\\"AL\\\" Lima, Bo Chen\"\n---")
      << md;
  EXPECT_NE(md.find("\n# Revoke JWTs with short-ttl (measured by revbench)\n"), std::string::npos) << md;
  // The context says what the figures belong to.
  EXPECT_NE(md.find("Workload: access tokens living 2 s"), std::string::npos) << md;
  EXPECT_NE(md.find("Machine: 2 cores (Linux)"), std::string::npos) << md;
  // The chosen option's consequences, good then neutral then bad, the outage among them.
  const auto consequences = md.substr(md.find("### Consequences"), md.find("## Pros and cons") - md.find("### Consequences"));
  const auto good = consequences.find("- Good, because it kept serving while Redis was down: GET /api/resource answered 400 of 400 (`store-outage-redis`)");
  const auto neutral = consequences.find("- Neutral, because a revoked token works until it expires: its lag is the access TTL's (2 s in these runs)");
  const auto bad = consequences.find("- Bad, because a thief got 40 requests accepted after the revoke");
  EXPECT_NE(good, std::string::npos) << consequences;
  EXPECT_NE(neutral, std::string::npos) << consequences;
  EXPECT_NE(bad, std::string::npos) << consequences;
  EXPECT_LT(good, neutral);
  EXPECT_LT(neutral, bad);
  EXPECT_NE(md.find("- Bad, because while Redis was down GET /api/resource answered only 0 of 400, 400 refused 503 "
                    "store_unavailable (`store-outage-redis`)"),
            std::string::npos) << md;
  // Verdicts as a grid; the runs one by one under More information.
  EXPECT_NE(md.find("| Strategy | logout | no revoke |\n|---|---|---|\n| `short-ttl` | ✓ 900 ms | ✓ |"), std::string::npos) << md;
  const auto more = md.find("\n## More information\n");
  ASSERT_NE(more, std::string::npos);
  EXPECT_LT(md.find("\n## Verdicts\n"), more);
  for (const char* below : {"\n### Verdicts by run\n", "\n### Costs\n", "\n### Charts\n", "\n### How the figures were obtained\n"})
    EXPECT_GT(md.find(below), more) << below;
  // The HTML says the same, its front matter under the title.
  const auto html = to_html(build_report(results, options, {}));
  EXPECT_NE(html.find("<p class=\"front-matter\"><b>status:</b> proposed · <b>date:</b> 2026-11-20 · <b>deciders:</b> Ana &quot;AL&quot; Lima, Bo Chen</p>"),
            std::string::npos) << html.substr(0, 2000);
}

TEST(Report, RevocationsLostAtAFailoverAreADriver) {
  Files files;
  auto runs = one_repeat(300us, 100);
  RunSpec failover{"redis-denylist", "redis-failover", "logout", "immediate", {300us}, 0, 0, 0, 0, 0, 0, 0};
  failover.revocations_lost = 2;
  runs.push_back(failover);
  const auto results = load_results({files.write("a.json", runs)});
  const std::string md = markdown_of(results, {"revocations-lost==0"});
  EXPECT_NE(md.find("✗ revocations lost at a failover 2 (logout)"), std::string::npos) << md;
  EXPECT_NE(md.find("✗ not measured: no scenario measured it"), std::string::npos) << md;
  EXPECT_NE(md.find("No strategy meets every driver"), std::string::npos) << md;
  runs.back().revocations_lost = 0;
  EXPECT_NE(markdown_of(load_results({files.write("b.json", runs)}), {"revocations_lost==0"}).find("✓ revocations lost at a failover 0 (logout)"),
            std::string::npos);
}

// A cost or a verdict holds for the stores it was measured on: the tables
// name them once any run was replicated, and say single for the others.
TEST(Report, TheTablesSayTheStoresOnceAnyRunWasReplicated) {
  Files files;
  auto runs = one_repeat(300us, 100);
  EXPECT_EQ(markdown_of(load_results({files.write("single.json", runs)}), {}).find("| Stores"), std::string::npos);
  for (auto& run : runs)
    if (run.strategy == "redis-denylist")
      run.topology = {{"redis", "sentinel"}, {"postgres", "single"}, {"read_from", "primary"}, {"min_replicas_to_write", 1}};
    else if (run.strategy == "pg-token-version")
      run.topology = {{"redis", "single"}, {"postgres", "standby,sync"}, {"read_from", "replica"}};
  const std::string md = markdown_of(load_results({files.write("replicated.json", runs)}), {});
  // The cost table (steady-browse) and the verdicts table (logout) each name them.
  for (const auto* stores : {"| Redis sentinel, min-replicas-to-write 1 |", "| PostgreSQL standby,sync, reads from the replicas |"}) {
    const auto first = md.find(stores);
    ASSERT_NE(first, std::string::npos) << stores << "\n" << md;
    EXPECT_NE(md.find(stores, first + 1), std::string::npos) << stores << "\n" << md;
  }
  EXPECT_NE(md.find("| single |"), std::string::npos) << md;
}

TEST(Report, ABrokenPromiseRulesAStrategyOutAndIsACon) {
  Files files;
  auto runs = one_repeat(300us, 100);
  runs[0].kept = false;
  const auto results = load_results({files.write("a.json", runs)});
  const std::string md = markdown_of(results, {});
  EXPECT_NE(md.find("Bad, because it broke its promise: logout (a.json): lag too long"), std::string::npos) << md;
  EXPECT_EQ(md.find("Chosen option: `short-ttl`"), std::string::npos);
}

// The points of a --store-rtt sweep are not repeats of one another: the
// report takes one, and refuses to pool them.
TEST(Report, AStoreRttSweepIsReportedOnePointAtATime) {
  Files files;
  auto near = one_repeat(300us, 100), far = one_repeat(9ms, 100);
  for (auto& run : near) run.store_rtt = "0";
  for (auto& run : far) run.store_rtt = "5ms";
  near.insert(near.end(), far.begin(), far.end());
  const auto sweep = files.write("sweep.json", near);
  try {
    load_results({sweep});
    FAIL() << "a sweep was pooled";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("a --store-rtt sweep (0, 5ms)"), std::string::npos) << e.what();
  }
  const auto at_5ms = load_results({sweep}, "5ms");
  ASSERT_EQ(at_5ms.repeats("redis-denylist", "logout").size(), 1u);
  EXPECT_GE(at_5ms.repeats("redis-denylist", "logout").front()->revocation_lag->max(), 8ms);
  // Every point is kept for the charts against distance.
  ASSERT_EQ(at_5ms.swept.size(), near.size());
  ReportOptions options;
  std::map<std::string, std::string> charts;
  for (const auto& chart : make_charts(at_5ms, options)) charts[chart.name] = chart.script;
  for (const char* name : {"store-rtt-p50", "store-rtt-p99", "store-rtt-lag"}) ASSERT_TRUE(charts.count(name)) << name;
  EXPECT_NE(charts["store-rtt-p50"].find("title \"redis-denylist\""), std::string::npos);
  EXPECT_NE(charts["store-rtt-p50"].find("\n5 0.8"), std::string::npos) << "x: the round trip in ms; y: the p50 in ms\n"
                                                                        << charts["store-rtt-p50"];
  // The lag against the one-way delay: redis-denylist's 0.3 ms direct, 9 ms at 5 ms.
  const auto& lag = charts["store-rtt-lag"];
  const auto block = lag.find("$s1 << EOD\n");
  ASSERT_NE(block, std::string::npos) << lag;
  EXPECT_EQ(lag.substr(block, lag.find("EOD\n", block + 12) - block).substr(11, 2), "0 ") << lag;
  EXPECT_NE(lag.find("\n2.5 9", block), std::string::npos) << lag;
  try {
    load_results({sweep}, "1ms");
    FAIL() << "a point the sweep lacks was reported";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no run at store RTT 1ms (the sweep's points: 0, 5ms)"), std::string::npos) << e.what();
  }
}

// One script swept (its network.store_rtt) beside scripts that were not:
// the unswept runs make the figures, the swept ones the charts against
// distance, and a chosen point puts that point's runs in the figures too.
TEST(Report, ASweptScriptBesideUnsweptOnesKeepsBoth) {
  Files files;
  auto runs = one_repeat(300us, 100);
  for (const auto& [point, latency] : {std::pair{"0", 400us}, std::pair{"1ms", 1500us}, std::pair{"5ms", 5500us}})
    for (const char* strategy : {"redis-denylist", "local-denylist"}) {
      RunSpec swept{strategy, "store-latency", "logout", "immediate", {latency}, 0, 0, 0, 0, 2000, 1, 0, latency};
      swept.store_rtt = point;
      runs.push_back(swept);
    }
  const auto mixed = files.write("network.json", runs);
  const auto unchosen = load_results({mixed});
  EXPECT_EQ(unchosen.repeats("redis-denylist", "logout").size(), 1u);
  EXPECT_TRUE(unchosen.repeats("redis-denylist", "store-latency").empty()) << "no point chosen: the sweep is in the charts only";
  EXPECT_EQ(unchosen.swept.size(), 6u);
  std::map<std::string, std::string> charts;
  for (const auto& chart : make_charts(unchosen, ReportOptions{})) charts[chart.name] = chart.script;
  ASSERT_TRUE(charts.count("store-rtt-p50"));
  EXPECT_NE(charts["store-rtt-p50"].find("title \"local-denylist\""), std::string::npos)
      << "a strategy the figures lack is still drawn against distance";
  const auto md = markdown_of(unchosen, {});
  EXPECT_NE(md.find("Swept over the stores' round trip: `store-latency` at `0`, `1ms`, `5ms`; the figures leave the swept runs out"),
            std::string::npos)
      << md;
  const auto at_1ms = load_results({mixed}, "1ms");
  ASSERT_EQ(at_1ms.repeats("redis-denylist", "store-latency").size(), 1u);
  EXPECT_EQ(at_1ms.repeats("redis-denylist", "logout").size(), 1u) << "the unswept runs stay at any point";
  EXPECT_NE(markdown_of(at_1ms, {}).find("the figures are at `1ms`"), std::string::npos);
}

TEST(Report, RequirementsAreParsedOrRefusedWithTheKnownOnes) {
  EXPECT_EQ(parse_requirement("lag<1s").bound->value, 1.0);
  EXPECT_EQ(parse_requirement("Per-Device-Logout").name, "per_device_logout");
  EXPECT_EQ(parse_requirement("p99.9 < 5ms").name, "p99_9");
  try {
    parse_requirement("fast");
    FAIL() << "an unknown requirement was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("per_device_logout"), std::string::npos);
  }
  EXPECT_THROW(parse_requirement("latency<1s"), std::invalid_argument);
}

TEST(Report, OnlyScenarioResultsFilesAreAccepted) {
  Files files;
  const auto load = files.write("load.json", {}, "load");
  try {
    load_results({load});
    FAIL() << "a load results file was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("load.json: a 'load' results file"), std::string::npos) << e.what();
  }
  const auto junk = files.dir() + "/junk.json";
  std::ofstream(junk) << "{\"kind\": ";
  EXPECT_THROW(load_results({junk}), std::runtime_error);
}

// A member that is missing or of the wrong kind is named by its path.
TEST(Report, AMalformedMemberIsNamedByItsPath) {
  Files files;
  const auto broken = [&](const std::string& name, auto spoil) {
    const auto path = files.write(name, one_repeat(300us, 100));
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto document = json::parse(text.str()).as_object();
    spoil(document.at("runs").as_array());
    std::ofstream(path, std::ios::trunc) << json::serialize(document);
    try {
      load_results({path});
      return std::string("accepted");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
  };
  const auto kept = broken("kept.json", [](json::array& runs) { runs[2].as_object()["verdict"].as_object()["kept"] = "yes"; });
  EXPECT_NE(kept.find("kept.json: runs[2].verdict.kept: expected true or false"), std::string::npos) << kept;
  const auto security = broken("security.json", [](json::array& runs) { runs[1].as_object().erase("security"); });
  EXPECT_NE(security.find("security.json: runs[1].security: missing"), std::string::npos) << security;
  const auto endpoints = broken("endpoints.json", [](json::array& runs) { runs[3].as_object()["endpoints"] = 7; });
  EXPECT_NE(endpoints.find("runs[3].endpoints: expected a list"), std::string::npos) << endpoints;
}

// A file given twice, by its own name or as a copy, would pool with itself
// and double every request: refused, naming both.
TEST(Report, TheSameResultsGivenTwiceAreRefused) {
  Files files;
  const auto once = files.write("a.json", one_repeat(300us, 100));
  const auto copy = files.dir() + "/copy.json";
  std::filesystem::copy_file(once, copy);
  for (const auto& twice : {once, copy}) {
    try {
      load_results({once, twice});
      FAIL() << "the same results were read twice";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(twice + ": the same results as " + once + ", given twice"), std::string::npos) << e.what();
    }
  }
}

TEST(Report, WritersEscapeAndAgree) {
  Document doc{"T <&>", {Heading{2, "A | B"}, Paragraph{"use `x<y` & more"},
                         Table{{"a", "b"}, {false, true}, {{"1|2", "3"}}}, Figure{"charts/c.svg", "cap", "<svg/>"}}};
  const std::string md = to_markdown(doc);
  EXPECT_NE(md.find("| 1\\|2 | 3 |"), std::string::npos);
  EXPECT_NE(md.find("|---|---:|"), std::string::npos);
  EXPECT_NE(md.find("![cap](charts/c.svg)"), std::string::npos);
  const std::string html = to_html(doc);
  EXPECT_NE(html.find("<title>T &lt;&amp;&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("use <code>x&lt;y</code> &amp; more"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n\">3</td>"), std::string::npos);
  EXPECT_NE(html.find("src=\"data:image/svg+xml;base64,PHN2Zy8+\""), std::string::npos);  // "<svg/>"
}

TEST(Report, SpectrumAndCdfFollowTheHistogram) {
  load::LatencyHistogram h;
  for (int i = 1; i <= 1000; ++i) h.record(std::chrono::microseconds(i));
  const auto spectrum = percentile_spectrum("s", h);
  ASSERT_GT(spectrum.points.size(), 30u);
  EXPECT_EQ(spectrum.points.front().first, 1.0);
  EXPECT_NEAR(spectrum.points.back().second, 1.0, 0.01);  // the max, in ms
  for (std::size_t i = 1; i < spectrum.points.size(); ++i) EXPECT_GE(spectrum.points[i].second, spectrum.points[i - 1].second);
  const auto cdf = cumulative_distribution("c", h);
  EXPECT_EQ(cdf.points.front().second, 0.0);
  EXPECT_EQ(cdf.points.back().second, 1.0);
  EXPECT_NEAR(cdf.points.back().first, 1e-3, 1e-5);
}

}  // namespace
}  // namespace revbench::results::report

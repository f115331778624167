#include "results/report/report_builder.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "results/report/figure_format.hpp"
#include "results/report/population_table.hpp"
#include "results/report/production_projection.hpp"
#include "results/report/pros_and_cons.hpp"
#include "results/report/verdict_grid.hpp"
#include "results/report/workload.hpp"
#include "results/report/strategy_profile.hpp"

namespace revbench::results::report {
namespace {

constexpr const char* endpoint_order[] = {"login",  "refresh", "resource", "logout", "logout_all", "password",
                                          "ban",    "unban",   "rotate_secret", "reset_request", "reset", "public"};

std::string timing_text(const RunRecord& run) {
  if (run.promise == "immediate") return "immediate";
  if (run.promise == "after_access_ttl") return "within the access TTL (" + number_text(run.access_ttl_seconds) + " s)";
  if (run.promise == "not_revoked") return "not revoked (until a later event)";
  if (run.promise == "within_bound") return "within " + number_text(run.promise_bound_seconds) + " s on every instance";
  if (run.promise == "not_applicable") return "not applicable";
  return run.promise.empty() ? "—" : run.promise;
}

std::string promise_text(const RunRecord& run) {
  return timing_text(run) + (run.everyone_logged_out ? ", everyone logged out" : "");
}

Spread over(const std::vector<const RunRecord*>& repeats, double (*figure)(const RunRecord&)) {
  std::vector<double> values;
  for (const RunRecord* run : repeats) values.push_back(figure(*run));
  return spread_of(values);
}

std::string lag_at(const std::vector<const RunRecord*>& repeats, double percentile) {
  std::vector<double> values;
  for (const RunRecord* run : repeats)
    if (run->revocation_lag) values.push_back(static_cast<double>(run->revocation_lag->percentile(percentile).count()) / 1e9);
  if (values.empty()) return "—";
  return spread_text(spread_of(values), seconds_text);
}

// Every run of a strategy, every repeat, pooled per endpoint.
std::map<std::string, EndpointCost> pooled_endpoints(const ResultsSet& results, const std::string& strategy) {
  std::map<std::string, EndpointCost> pooled;
  for (const auto& run : results.runs) {
    if (run.strategy != strategy) continue;
    for (const auto& [name, cost] : run.endpoints) pooled[name].merge(cost);
  }
  return pooled;
}

load::LatencyHistogram pooled_hot_path(const ResultsSet& results, const std::string& strategy,
                                       const std::string& cost_scenario) {
  load::LatencyHistogram pooled;
  for (const RunRecord* run : results.repeats(strategy, cost_scenario))
    if (const auto found = run->endpoints.find("resource"); found != run->endpoints.end())
      pooled.merge(found->second.latency);
  return pooled;
}

load::LatencyHistogram pooled_session_lags(const ResultsSet& results, const std::string& strategy) {
  load::LatencyHistogram pooled;
  for (const auto& run : results.runs)
    if (run.strategy == strategy && revokes_sessions(run.event) && run.revocation_lag) pooled.merge(*run.revocation_lag);
  return pooled;
}

// Across a --store-rtt sweep of two points or more: per strategy, the hot
// path's p50 and p99 against the stores' round trip (the cost scenario's
// when it was swept, else the first swept scenario's), and the slowest
// revocation against the one-way delay, which is what an announcement
// through the subscriber's link pays. Repeats at a point are pooled.
std::vector<Chart> distance_charts(const ResultsSet& results, const ReportOptions& options) {
  std::vector<double> points;
  for (const auto& swept : results.swept)
    if (std::find(points.begin(), points.end(), swept.rtt_seconds) == points.end()) points.push_back(swept.rtt_seconds);
  if (points.size() < 2) return {};
  std::sort(points.begin(), points.end());
  const bool cost_swept = std::any_of(results.swept.begin(), results.swept.end(),
                                      [&](const auto& s) { return s.run.scenario == options.cost_scenario; });
  const auto hot_scenario = cost_swept ? options.cost_scenario : results.swept.front().run.scenario;
  std::vector<std::string> strategies;  // the swept ones: without a chosen point the figures may hold none of their runs
  for (const auto& swept : results.swept)
    if (std::find(strategies.begin(), strategies.end(), swept.run.strategy) == strategies.end())
      strategies.push_back(swept.run.strategy);
  std::vector<Series> p50s, p99s, lags;
  for (const auto& strategy : strategies) {
    Series p50{strategy, {}}, p99{strategy, {}}, lag{strategy, {}};
    for (const double rtt : points) {
      EndpointCost hot;
      std::optional<load::LatencyHistogram> slowest;
      for (const auto& swept : results.swept) {
        if (swept.rtt_seconds != rtt || swept.run.strategy != strategy) continue;
        if (swept.run.scenario == hot_scenario)
          if (const auto found = swept.run.endpoints.find("resource"); found != swept.run.endpoints.end())
            hot.merge(found->second);
        if (swept.run.revocation_lag && swept.run.revocation_lag->count() > 0) {
          if (!slowest) slowest.emplace();
          slowest->merge(*swept.run.revocation_lag);
        }
      }
      const double x = rtt * 1e3;
      if (hot.requests > 0) {
        p50.points.emplace_back(x, static_cast<double>(hot.latency.percentile(50).count()) / 1e6);
        p99.points.emplace_back(x, static_cast<double>(hot.latency.percentile(99).count()) / 1e6);
      }
      if (slowest) lag.points.emplace_back(x / 2, static_cast<double>(slowest->max().count()) / 1e6);
    }
    if (p50.points.size() >= 2) p50s.push_back(std::move(p50)), p99s.push_back(std::move(p99));
    if (lag.points.size() >= 2) lags.push_back(std::move(lag));
  }
  std::vector<Chart> charts;
  const std::string hot = "GET /api/resource under " + code(hot_scenario);
  if (!p50s.empty()) {
    charts.push_back(against_distance_chart("store-rtt-p50", p50s, "store round trip (ms)", "p50 latency (ms)",
                                            "Median latency of " + hot + " against the stores' round trip (--store-rtt sweep)"));
    charts.push_back(against_distance_chart("store-rtt-p99", p99s, "store round trip (ms)", "p99 latency (ms)",
                                            "p99 latency of " + hot + " against the stores' round trip (--store-rtt sweep)"));
  }
  if (!lags.empty())
    charts.push_back(against_distance_chart("store-rtt-lag", lags, "one-way delay to the stores (ms)", "slowest revocation lag (ms)",
                                            "The slowest revocation of each strategy against the one-way delay to the stores, which an announcement through the subscriber's link pays once (--store-rtt sweep)"));
  return charts;
}

}  // namespace

std::vector<Chart> make_charts(const ResultsSet& results, const ReportOptions& options) {
  std::vector<Chart> charts;
  std::vector<Series> spectra, lags;
  std::vector<OpsBar> bars;
  std::vector<TimelineSeries> storms;
  for (const auto& strategy : results.strategies) {
    if (auto s = percentile_spectrum(strategy, pooled_hot_path(results, strategy, options.cost_scenario)); !s.points.empty())
      spectra.push_back(std::move(s));
    if (auto s = cumulative_distribution(strategy, pooled_session_lags(results, strategy)); !s.points.empty())
      lags.push_back(std::move(s));
    EndpointCost hot;
    for (const RunRecord* run : results.repeats(strategy, options.cost_scenario))
      if (const auto found = run->endpoints.find("resource"); found != run->endpoints.end()) hot.merge(found->second);
    if (hot.requests > 0) bars.push_back({strategy, hot.redis_per_request(), hot.pg_per_request()});
    if (const auto storm = results.repeats(strategy, options.storm_scenario); !storm.empty()) {
      TimelineSeries series{strategy, {}, {}, {}};
      for (const auto& second : storm.front()->timeline) {
        series.requests.push_back(static_cast<double>(second.requests));
        series.max_latency_seconds.push_back(second.max_latency_seconds);
        series.logins.push_back(static_cast<double>(second.logins));
      }
      if (!series.requests.empty()) storms.push_back(std::move(series));
    }
  }
  const std::string hot = "GET /api/resource under " + code(options.cost_scenario);
  if (!spectra.empty())
    charts.push_back(latency_spectrum_chart(spectra, "Latency by percentile, " + hot + " (from the intended send time, every repeat pooled)"));
  if (!bars.empty()) charts.push_back(store_ops_chart(bars, "Store operations per request, " + hot));
  std::vector<TradeOffPoint> trade_offs;
  for (const auto& bar : bars)
    for (const RunRecord* run : results.repeats(bar.strategy, "logout"))
      if (run->promise == "immediate" || run->promise == "within_bound") {
        trade_offs.push_back({bar.strategy, run->promise == "within_bound" ? run->promise_bound_seconds : 0.0,
                              bar.redis + bar.pg});
        break;
      }
  const bool hybrid = std::any_of(trade_offs.begin(), trade_offs.end(),
                                  [](const auto& p) { return p.strategy.starts_with("hybrid-freshness"); });
  if (hybrid)
    charts.push_back(trade_off_chart(trade_offs, "Store operations per request (" + hot + ") against the revocation lag each strategy promises on logout: hybrid-freshness trades one for the other by its N"));
  if (!lags.empty())
    charts.push_back(lag_cdf_chart(lags, "Session revocation lag, cumulative (logout, logout-all, ban, token theft; every repeat pooled; a lag of 0, refused at the first probe, is drawn at 1 µs)"));
  if (!storms.empty())
    charts.push_back(timeline_chart(storms, "Timeline of " + code(options.storm_scenario) +
                                                ": requests, max latency and logins per second (first repeat)"));
  for (auto& chart : distance_charts(results, options)) charts.push_back(std::move(chart));
  return charts;
}

// The refresh-race policies head to head, when more than one ran: what each
// costs honest tabs (false theft detections) against what it leaves a thief.
void refresh_policies(const ResultsSet& results, std::vector<Block>& b) {
  const auto window_of = [&](const std::string& strategy) {
    for (const auto& scenario : results.scenarios)
      for (const RunRecord* run : results.repeats(strategy, scenario))
        if (!run->refresh_window.empty()) return run->refresh_window;
    return std::string();
  };
  std::vector<std::string> policies;
  for (const auto& strategy : results.strategies)
    if (!window_of(strategy).empty()) policies.push_back(strategy);
  if (policies.size() < 2) return;
  const auto figure = [&](const std::string& strategy, const char* scenario, auto get) {
    const auto repeats = results.repeats(strategy, scenario);
    if (repeats.empty()) return std::string("—");
    return spread_text(over(repeats, get), count_text);
  };
  const auto false_detections = [](const RunRecord& r) { return static_cast<double>(r.security.false_theft_detections); };
  const auto collateral = [](const RunRecord& r) { return static_cast<double>(r.security.collateral_logouts); };
  const auto detections = [](const RunRecord& r) { return static_cast<double>(r.security.theft_detections); };
  const auto thief_through = [](const RunRecord& r) { return static_cast<double>(r.security.accepted_after_revoke); };
  b.push_back(Heading{3, "Refresh-race policies"});
  b.push_back(Paragraph{"How long a superseded refresh token still refreshes is a window for racing browser tabs and for a thief alike. Honest tabs: false theft detections and sessions lost in `multi-tab-refresh-race`. Thieves: theft detections in `refresh-theft-thief-first` and `refresh-theft-victim-first`, and the thief's requests accepted after the revoke in the latter."});
  Table table;
  table.header = {"Policy", "Window", "False theft detections (tabs)", "Sessions lost (tabs)",
                  "Theft detected (thief first)", "Theft detected (victim first)", "Thief accepted after revoke (victim first)"};
  table.right_aligned = {false, false, true, true, true, true, true};
  for (const auto& strategy : policies)
    table.rows.push_back({code(strategy), window_of(strategy),
                          figure(strategy, "multi-tab-refresh-race", false_detections),
                          figure(strategy, "multi-tab-refresh-race", collateral),
                          figure(strategy, "refresh-theft-thief-first", detections),
                          figure(strategy, "refresh-theft-victim-first", detections),
                          figure(strategy, "refresh-theft-victim-first", thief_through)});
  b.push_back(table);
}

namespace {

// What every section reads: the results, the options, each strategy's figures.
struct Sections {
  const ResultsSet& results;
  const ReportOptions& options;
  std::vector<StrategyProfile> profiles;
  std::vector<Requirement> drivers;
  std::size_t most_repeats = 0;
  std::vector<Block>& b;
};

std::size_t most_repeats_of(const ResultsSet& results) {
  std::size_t most = 0;
  for (const auto& strategy : results.strategies)
    for (const auto& scenario : results.scenarios) most = std::max(most, results.repeats(strategy, scenario).size());
  return most;
}

// The user's requirements, and the promises kept always.
std::vector<Requirement> drivers_of(const ReportOptions& options) {
  std::vector<Requirement> drivers = options.requirements;
  if (std::none_of(drivers.begin(), drivers.end(), [](const Requirement& r) { return r.name == "promises_kept"; }))
    drivers.push_back(parse_requirement("promises-kept"));
  return drivers;
}

void context(Sections& section) {
  const auto& results = section.results;
  const auto most_repeats = section.most_repeats;
  auto& b = section.b;
  std::string strategies, scenarios;
  for (const auto& s : results.strategies) strategies += (strategies.empty() ? "" : ", ") + code(s);
  for (const auto& s : results.scenarios) scenarios += (scenarios.empty() ? "" : ", ") + code(s);
  b.push_back(Heading{2, "Context and problem statement"});
  b.push_back(Paragraph{"Which way of invalidating JWTs should this system use? revbench ran " +
                        std::to_string(results.strategies.size()) + " strategies (" + strategies + ") through " +
                        std::to_string(results.scenarios.size()) + " scenarios (" + scenarios + "), " +
                        (most_repeats == 1 ? std::string("once each") : "up to " + std::to_string(most_repeats) + " times each") +
                        ", against real Redis and PostgreSQL. Every figure is the median over the repeats, with [min–max] when they differ; the last section says how each was obtained."});
  b.push_back(Paragraph{workload_text(results, section.profiles, section.options.cost_scenario)});
}

void decision_drivers(Sections& section) {
  section.b.push_back(Heading{2, "Decision drivers"});
  Bullets driver_list;
  for (const auto& r : section.drivers) driver_list.items.push_back(describe(r));
  section.b.push_back(driver_list);
}

void considered_options(Sections& section) {
  const auto& results = section.results;
  auto& b = section.b;
  b.push_back(Heading{2, "Considered options"});
  Bullets option_list;
  for (const auto& strategy : results.strategies) {
    std::string promise;
    for (const RunRecord* run : results.repeats(strategy, "logout"))
      if (!run->promise_note.empty()) promise = ": on logout, " + run->promise_note;
    option_list.items.push_back(code(strategy) + promise);
  }
  b.push_back(option_list);

}

bool any_replicated(const ResultsSet& results) {
  return std::any_of(results.runs.begin(), results.runs.end(), [](const auto& r) { return !r.stores.empty(); });
}
std::string stores_text(const RunRecord& run) { return run.stores.empty() ? "single" : run.stores; }

// The hot path's p99 of the fastest strategy that calls no store: what a store call is set against.
std::optional<double> storeless_p99(const std::vector<StrategyProfile>& profiles) {
  std::optional<double> fastest;
  for (const auto& p : profiles)
    if (p.has_hot_path && p.store_per_request() == 0 && (!fastest || p.p99.median < *fastest)) fastest = p.p99.median;
  return fastest;
}

// Strategies by cost: store operations per GET /api/resource, then p99.
std::vector<const StrategyProfile*> ranked_by_cost(const std::vector<StrategyProfile>& profiles) {
  std::vector<const StrategyProfile*> ranked;
  for (const auto& p : profiles) ranked.push_back(&p);
  std::stable_sort(ranked.begin(), ranked.end(), [](const StrategyProfile* a, const StrategyProfile* c) {
    if (a->has_hot_path != c->has_hot_path) return a->has_hot_path;
    if (a->store_per_request() != c->store_per_request()) return a->store_per_request() < c->store_per_request();
    return a->p99.median < c->p99.median;
  });
  return ranked;
}

// The cheapest strategy meeting every driver; null when none does.
const StrategyProfile* chosen_option(const std::vector<StrategyProfile>& profiles, const std::vector<Requirement>& drivers) {
  for (const StrategyProfile* p : ranked_by_cost(profiles))
    if (std::all_of(drivers.begin(), drivers.end(), [&](const Requirement& r) { return assess(r, *p).met; })) return p;
  return nullptr;
}

// The cheapest strategy meeting every driver, or the closest when none does.
void decision_outcome(Sections& section) {
  const auto& options = section.options;
  const auto& drivers = section.drivers;
  auto& b = section.b;
  const auto ranked = ranked_by_cost(section.profiles);
  Table assessment;
  assessment.header = {"Strategy"};
  for (const auto& r : drivers) assessment.header.push_back(code(r.text));
  assessment.header.insert(assessment.header.end(), {"Store ops / request", "p99", "Meets every driver"});
  assessment.right_aligned.assign(assessment.header.size(), false);
  const StrategyProfile* chosen = nullptr;
  std::map<std::string, std::vector<std::string>> missed;
  for (const StrategyProfile* p : ranked) {
    std::vector<std::string> row{code(p->strategy)};
    bool all = true;
    for (const auto& r : drivers) {
      const Assessment a = assess(r, *p);
      row.push_back(std::string(a.met ? "✓ " : "✗ ") + a.figure);
      if (!a.met) {
        all = false;
        missed[p->strategy].push_back(r.text + " (" + a.figure + ")");
      }
    }
    row.push_back(p->has_hot_path ? number_text(p->store_per_request()) : "—");
    row.push_back(p->has_hot_path ? spread_text(p->p99, seconds_text) : "—");
    row.push_back(all ? "yes" : "no");
    if (all && chosen == nullptr) chosen = p;
    assessment.rows.push_back(std::move(row));
  }
  b.push_back(Heading{2, "Decision outcome"});
  if (chosen != nullptr) {
    b.push_back(Paragraph{"Chosen option: " + code(chosen->strategy) +
                          ", because it is the cheapest strategy that meets every driver" +
                          (chosen->has_hot_path ? ": " + operations(chosen->store_per_request(), "store") +
                                                      " per GET /api/resource, p99 " +
                                                      spread_text(chosen->p99, seconds_text) + "."
                                                : ".")});
  } else {
    std::string closest;
    std::size_t fewest = SIZE_MAX;
    for (const StrategyProfile* p : ranked)
      if (missed[p->strategy].size() < fewest) {
        fewest = missed[p->strategy].size();
        closest = p->strategy;
      }
    std::string why;
    for (const auto& m : missed[closest]) why += (why.empty() ? "" : "; ") + m;
    b.push_back(Paragraph{"No strategy meets every driver. The closest is " + code(closest) + ", which misses " + why +
                          ". Relax a driver or consider a hybrid."});
  }
  b.push_back(Paragraph{"Strategies are ranked by cost: store operations per GET /api/resource under " +
                        code(options.cost_scenario) + ", then its p99 latency. ✓ and ✗ say whether each driver is met, with the figure that decides it."});
  b.push_back(assessment);
  if (chosen != nullptr) {
    b.push_back(Heading{3, "Consequences"});
    b.push_back(Bullets{pros_and_cons(*chosen, chosen->store_per_request() == 0 ? std::nullopt : storeless_p99(section.profiles))});
  }

}

void pros_and_cons_of_the_options(Sections& section) {
  const auto& profiles = section.profiles;
  auto& b = section.b;
  const auto fastest_storeless = storeless_p99(profiles);
  b.push_back(Heading{2, "Pros and cons of the options"});
  for (const auto& p : profiles) {
    b.push_back(Heading{3, code(p.strategy)});
    b.push_back(Bullets{pros_and_cons(p, p.store_per_request() == 0 ? std::nullopt : fastest_storeless)});
  }

}

void verdicts_by_run(Sections& section) {
  const auto& results = section.results;
  const auto& options = section.options;
  auto& b = section.b;
  b.push_back(Heading{3, "Verdicts by run"});
  b.push_back(Paragraph{"Per strategy and scenario: what the strategy promises, whether the run kept it, the revocation lag (from the revoking response to the first rejection, on every server instance), thief requests accepted after the revoke, other sessions logged out, and legitimate clients taken for thieves."});
  Table verdicts;
  verdicts.header = {"Strategy", "Event", "Promised", "Kept", "Lag p50", "Lag p99", "Lag max",
                     "Thief accepted after revoke", "Collateral logouts", "False theft detections"};
  verdicts.right_aligned = {false, false, false, false, true, true, true, true, true, true};
  // A verdict holds for the network it was measured through: named when any run crossed a shaped link.
  const bool distances = std::any_of(results.runs.begin(), results.runs.end(), [](const auto& r) { return !r.network.empty(); });
  if (distances) {
    verdicts.header.push_back("Measured through (median round trip before the run)");
    verdicts.right_aligned.push_back(false);
  }
  // And for the stores it ran on: a replica read or a failover decides what a revocation survives.
  const bool replicated = any_replicated(results);
  if (replicated) {
    verdicts.header.push_back("Stores");
    verdicts.right_aligned.push_back(false);
  }
  for (const auto& strategy : results.strategies)
    for (const auto& scenario : results.scenarios) {
      if (scenario == options.cost_scenario) continue;
      const auto repeats = results.repeats(strategy, scenario);
      if (repeats.empty()) continue;
      const RunRecord& first = *repeats.front();
      std::size_t kept = 0;
      for (const RunRecord* run : repeats) kept += run->kept ? 1 : 0;
      verdicts.rows.push_back(
          {code(strategy), first.event.empty() ? scenario + " (no revoke)" : first.event, promise_text(first),
           kept == repeats.size() ? "yes" : std::to_string(repeats.size() - kept) + " of " + std::to_string(repeats.size()) + " broken",
           lag_at(repeats, 50), lag_at(repeats, 99), lag_at(repeats, 100),
           spread_text(over(repeats, [](const RunRecord& r) { return static_cast<double>(r.security.accepted_after_revoke); }), count_text),
           spread_text(over(repeats, [](const RunRecord& r) { return static_cast<double>(r.security.collateral_logouts); }), count_text),
           spread_text(over(repeats, [](const RunRecord& r) { return static_cast<double>(r.security.false_theft_detections); }), count_text)});
      if (distances) verdicts.rows.back().push_back(first.network.empty() ? "loopback" : first.network);
      if (replicated) verdicts.rows.back().push_back(stores_text(first));
    }
  b.push_back(verdicts);

}

void costs(Sections& section) {
  const auto& results = section.results;
  const auto& options = section.options;
  const auto& profiles = section.profiles;
  auto& b = section.b;
  b.push_back(Heading{3, "Costs"});
  b.push_back(Paragraph{"The hot path: GET /api/resource under " + code(options.cost_scenario) +
                        " (open-loop, latency from the intended send time)."});
  Table cost;
  cost.header = {"Strategy", "Throughput (req/s)", "p50", "p99", "p99.9", "Redis ops / request", "PostgreSQL ops / request"};
  cost.right_aligned = {false, true, true, true, true, true, true};
  // What the stores were: a replica read or a proxy in front of a Sentinel's Redis moves the latency.
  const bool replicated = any_replicated(results);
  if (replicated) {
    cost.header.push_back("Stores");
    cost.right_aligned.push_back(false);
  }
  for (const auto& p : profiles) {
    if (!p.has_hot_path) continue;
    cost.rows.push_back({code(p.strategy), spread_text(p.throughput, number_text), spread_text(p.p50, seconds_text),
                         spread_text(p.p99, seconds_text), spread_text(p.p99_9, seconds_text),
                         spread_text(p.redis_per_request, number_text), spread_text(p.pg_per_request, number_text)});
    if (replicated) {
      const auto repeats = results.repeats(p.strategy, options.cost_scenario);
      cost.rows.back().push_back(repeats.empty() ? "—" : stores_text(*repeats.front()));
    }
  }
  b.push_back(cost);
  b.push_back(Paragraph{"Every endpoint, every scenario and repeat pooled:"});
  Table endpoints;
  endpoints.header = {"Strategy", "Endpoint", "Requests", "p50", "p99", "p99.9", "Redis ops / request", "PostgreSQL ops / request"};
  endpoints.right_aligned = {false, false, true, true, true, true, true, true};
  for (const auto& strategy : results.strategies) {
    const auto pooled = pooled_endpoints(results, strategy);
    for (const char* name : endpoint_order) {
      const auto found = pooled.find(name);
      if (found == pooled.end() || found->second.requests == 0) continue;
      const EndpointCost& c = found->second;
      const auto at = [&](double p) { return seconds_text(static_cast<double>(c.latency.percentile(p).count()) / 1e9); };
      endpoints.rows.push_back({code(strategy), name, count_text(static_cast<double>(c.requests)), at(50), at(99), at(99.9),
                                number_text(c.redis_per_request()), number_text(c.pg_per_request())});
    }
  }
  b.push_back(endpoints);

}

// Which scripts ran at which of the stores' distances, and which point the figures are at.
std::string sweep_text(const ResultsSet& results) {
  std::vector<std::string> scenarios, points;
  for (const auto& swept : results.swept) {
    if (std::find(scenarios.begin(), scenarios.end(), swept.run.scenario) == scenarios.end())
      scenarios.push_back(swept.run.scenario);
    if (std::find(points.begin(), points.end(), swept.point) == points.end()) points.push_back(swept.point);
  }
  const auto listed = [](const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + code(item);
    return text;
  };
  return "Swept over the stores' round trip: " + listed(scenarios) + " at " + listed(points) + "; " +
         (results.point.empty()
              ? std::string("the figures leave the swept runs out (`revbench report --store-rtt POINT` puts one point's in), the charts against distance draw every point.")
              : "the figures are at " + code(results.point) + ", the charts against distance draw every point.");
}

void provenance(Sections& section) {
  const auto& results = section.results;
  const auto& options = section.options;
  const auto most_repeats = section.most_repeats;
  auto& b = section.b;
  b.push_back(Heading{3, "How the figures were obtained"});
  Bullets how;
  for (const auto& source : results.sources) {
    const auto text = [&](const char* key) {
      const auto* v = source.machine.if_contains(key);
      return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string("?");
    };
    const auto* cores = source.machine.if_contains("cores");
    std::string pooled;
    for (const auto& other : source.pooled_with) pooled += ", " + code(other);
    if (!pooled.empty())
      pooled = " (with" + pooled.substr(1) + ", which ran at the same time: their load generators' figures are pooled into one run)";
    how.items.push_back(code(source.file) + pooled + ": " + code(source.command) + ", started " + source.started_at +
                        (source.complete ? "" : " (INCOMPLETE: the run was interrupted)") + "; " +
                        (cores != nullptr && cores->is_number() ? number_text(cores->to_number<double>()) : std::string("?")) +
                        " cores, " + text("kernel") + ", " + text("arch") + ", " + text("compiler") + ", Boost " +
                        text("boost") + ", " + text("openssl") + ", revbench " + text("git_commit"));
  }
  std::string warmups;
  for (const auto& [scenario, seconds] : results.sources.front().warmups)
    if (seconds > 0 && warmups.find(code(scenario)) == std::string::npos)
      warmups += (warmups.empty() ? "" : ", ") + code(scenario) + " " + number_text(seconds) + " s";
  how.items.push_back("Warm-up excluded from every figure: " + (warmups.empty() ? std::string("none") : warmups) + ".");
  how.items.push_back("Repeats: each strategy × scenario ran " +
                      (most_repeats == 1 ? std::string("once") : "up to " + std::to_string(most_repeats) + " times") +
                      "; a figure is the median over its repeats, [min–max] when they differ; charts and the every-endpoint table pool the repeats' histograms.");
  how.items.push_back("Latency is timed from each request's intended send time (no coordinated omission); histograms are log-linear with at most 0.78% error per value.");
  how.items.push_back("Revocation lag: from the revoking response to the first rejection of the revoked token, probed on every server instance.");
  if (!results.swept.empty()) how.items.push_back(sweep_text(results));
  b.push_back(how);
  if (!options.invocation.empty()) {
    b.push_back(Paragraph{"This report was generated by:"});
    b.push_back(CodeBlock{options.invocation});
  }
}

}  // namespace

Document build_report(const ResultsSet& results, const ReportOptions& options, const std::vector<RenderedChart>& charts) {
  Document doc;
  Sections s{results, options, profile_strategies(results, options.cost_scenario), drivers_of(options),
             most_repeats_of(results), doc.blocks};
  // MADR's front matter: the date the runs started (the earliest file's).
  std::string started;
  for (const auto& source : results.sources)
    if (started.empty() || (!source.started_at.empty() && source.started_at < started)) started = source.started_at;
  doc.front_matter.emplace_back("status", options.status);
  doc.front_matter.emplace_back("date", started.substr(0, 10));
  if (!options.deciders.empty()) doc.front_matter.emplace_back("deciders", options.deciders);
  const StrategyProfile* chosen = chosen_option(s.profiles, s.drivers);
  doc.title = chosen != nullptr ? "Revoke JWTs with " + chosen->strategy + " (measured by revbench)"
                                : "Revoking JWTs: no strategy meets every driver (measured by revbench)";
  context(s);
  decision_drivers(s);
  considered_options(s);
  decision_outcome(s);
  pros_and_cons_of_the_options(s);
  verdict_grid(results, options, doc.blocks);
  if (options.production)
    production_projection(results, s.profiles, *options.production, options.cost_scenario, doc.blocks);
  doc.blocks.push_back(Heading{2, "More information"});
  verdicts_by_run(s);
  refresh_policies(results, doc.blocks);
  costs(s);
  population_table(results, options, doc.blocks);
  doc.blocks.push_back(Heading{3, "Charts"});
  for (const auto& rendered : charts)
    doc.blocks.push_back(Figure{"charts/" + rendered.chart.name + ".svg", rendered.chart.caption, rendered.svg});
  provenance(s);
  return doc;
}

}  // namespace revbench::results::report

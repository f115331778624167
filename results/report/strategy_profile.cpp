#include "results/report/strategy_profile.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace revbench::results::report {
namespace {

using RunFigure = std::function<std::optional<double>(const RunRecord&)>;

// The figure over the repeats of one scenario; nullopt when no repeat has it.
std::optional<Spread> over_repeats(const std::vector<const RunRecord*>& repeats, const RunFigure& figure) {
  std::vector<double> values;
  for (const RunRecord* run : repeats)
    if (auto v = figure(*run)) values.push_back(*v);
  if (values.empty()) return std::nullopt;
  return spread_of(values);
}

// The scenario where the figure's median is highest (or lowest).
std::optional<Measured> worst(const ResultsSet& results, const std::string& strategy,
                              const std::function<bool(const RunRecord&)>& counts, const RunFigure& figure,
                              bool highest = true) {
  std::optional<Measured> found;
  for (const auto& scenario : results.scenarios) {
    auto repeats = results.repeats(strategy, scenario);
    std::erase_if(repeats, [&](const RunRecord* run) { return !counts(*run); });
    if (repeats.empty()) continue;
    const auto spread = over_repeats(repeats, figure);
    if (!spread) continue;
    const std::string where = repeats.front()->event.empty() ? scenario : repeats.front()->event;
    if (!found || (highest ? spread->median > found->value.median : spread->median < found->value.median)) found = Measured{*spread, where};
  }
  return found;
}

std::optional<double> lag_percentile(const RunRecord& run, double p) {
  if (!run.revocation_lag) return std::nullopt;
  return static_cast<double>(run.revocation_lag->percentile(p).count()) / 1e9;
}

// GET /api/resource during every kill of each store, in the order the stores first fail.
std::vector<StoreOutage> store_outages(const ResultsSet& results, const std::string& strategy) {
  std::vector<StoreOutage> outages;
  std::vector<std::map<std::string, std::uint64_t>> refusals;
  for (const auto& scenario : results.scenarios)
    for (const RunRecord* run : results.repeats(strategy, scenario))
      for (const auto& fault : run->store_faults) {
        if (fault.action != "kill") continue;
        auto at = std::find_if(outages.begin(), outages.end(), [&](const StoreOutage& o) { return o.store == fault.store; });
        if (at == outages.end()) {
          outages.push_back({fault.store, {}, 0, 0, {}, 0});
          refusals.emplace_back();
          at = outages.end() - 1;
        }
        if (fault.resource.empty()) continue;
        auto& refused = refusals[static_cast<std::size_t>(at - outages.begin())];
        if (std::find(at->scenarios.begin(), at->scenarios.end(), scenario) == at->scenarios.end())
          at->scenarios.push_back(scenario);
        for (const auto& [outcome, count] : fault.resource) {
          at->requests += count;
          if (!outcome.empty() && outcome.front() == '2') at->answered += count;
          else refused[outcome] += count;
        }
      }
  for (std::size_t i = 0; i < outages.size(); ++i)
    for (const auto& [outcome, count] : refusals[i])
      if (count > outages[i].most_refused_count) {
        outages[i].most_refused = outcome;
        outages[i].most_refused_count = count;
      }
  return outages;
}

}  // namespace

bool revokes_sessions(const std::string& event) {
  static const char* const events[] = {"logout",  "logout_all", "password_change", "ban", "stolen_access_token",
                                       "stolen_refresh_thief_first", "stolen_refresh_victim_first"};
  return std::find(std::begin(events), std::end(events), event) != std::end(events);
}

std::vector<StrategyProfile> profile_strategies(const ResultsSet& results, const std::string& cost_scenario) {
  std::vector<StrategyProfile> profiles;
  for (const auto& strategy : results.strategies) {
    StrategyProfile p;
    p.strategy = strategy;
    const auto hot = results.repeats(strategy, cost_scenario);
    const auto resource = [](const RunRecord& run) -> const EndpointCost* {
      const auto found = run.endpoints.find("resource");
      return found == run.endpoints.end() || found->second.requests == 0 ? nullptr : &found->second;
    };
    const auto hot_figure = [&](const std::function<double(const EndpointCost&)>& f) {
      return over_repeats(hot, [&](const RunRecord& run) -> std::optional<double> {
        const EndpointCost* cost = resource(run);
        if (cost == nullptr) return std::nullopt;
        return f(*cost);
      });
    };
    const auto seconds_at = [](double percentile) {
      return [percentile](const EndpointCost& c) {
        return static_cast<double>(c.latency.percentile(percentile).count()) / 1e9;
      };
    };
    if (auto throughput = hot_figure([](const EndpointCost& c) { return c.throughput(); })) {
      p.has_hot_path = true;
      p.throughput = *throughput;
      p.p50 = *hot_figure(seconds_at(50));
      p.p99 = *hot_figure(seconds_at(99));
      p.p99_9 = *hot_figure(seconds_at(99.9));
      p.redis_per_request = *hot_figure([](const EndpointCost& c) { return c.redis_per_request(); });
      p.pg_per_request = *hot_figure([](const EndpointCost& c) { return c.pg_per_request(); });
    }
    const auto session_revoke = [](const RunRecord& run) { return revokes_sessions(run.event) && run.promise != "not_applicable"; };
    p.worst_lag_max = worst(results, strategy, session_revoke, [](const RunRecord& r) { return lag_percentile(r, 100); });
    p.worst_lag_p99 = worst(results, strategy, session_revoke, [](const RunRecord& r) { return lag_percentile(r, 99); });
    p.most_accepted_after_revoke = worst(results, strategy, session_revoke, [](const RunRecord& r) {
      return std::optional<double>(static_cast<double>(r.security.accepted_after_revoke));
    });
    const auto logout = [](const RunRecord& run) { return run.event == "logout"; };
    p.logout_collateral = worst(results, strategy, logout, [](const RunRecord& r) {
      return std::optional<double>(static_cast<double>(r.security.collateral_logouts));
    });
    p.logout_accepted_after_revoke = worst(results, strategy, logout, [](const RunRecord& r) {
      return std::optional<double>(static_cast<double>(r.security.accepted_after_revoke));
    });
    p.most_collateral = worst(results, strategy, [](const RunRecord& r) { return r.event != "secret_rotation"; },
                              [](const RunRecord& r) { return std::optional<double>(static_cast<double>(r.security.collateral_logouts)); });
    p.false_theft = worst(results, strategy, [](const RunRecord&) { return true; }, [](const RunRecord& r) {
      return std::optional<double>(static_cast<double>(r.security.false_theft_detections));
    });
    p.theft_detections = worst(results, strategy, [](const RunRecord& r) { return r.event.starts_with("stolen_refresh"); },
                               [](const RunRecord& r) -> std::optional<double> {
                                 if (r.promise == "not_applicable") return std::nullopt;
                                 return static_cast<double>(r.security.theft_detections);
                               },
                               false);
    p.revocations_lost = worst(results, strategy, [](const RunRecord& r) { return r.security.revocations_lost.has_value(); },
                               [](const RunRecord& r) -> std::optional<double> {
                                 if (!r.security.revocations_lost) return std::nullopt;
                                 return static_cast<double>(*r.security.revocations_lost);
                               });
    for (const auto& scenario : results.scenarios)
      for (const RunRecord* run : results.repeats(strategy, scenario)) {
        if (!run->kept) p.broken_promises.push_back(scenario + " (" + run->file + "): " + run->verdict_reason);
        if (run->event == "logout" && run->promise == "after_access_ttl") p.lag_bounded_by_ttl = true;
        if (run->access_ttl_seconds > 0 && std::find(p.access_ttls_seconds.begin(), p.access_ttls_seconds.end(),
                                                     run->access_ttl_seconds) == p.access_ttls_seconds.end())
          p.access_ttls_seconds.push_back(run->access_ttl_seconds);
      }
    std::sort(p.access_ttls_seconds.begin(), p.access_ttls_seconds.end());
    p.store_outages = store_outages(results, strategy);
    profiles.push_back(std::move(p));
  }
  return profiles;
}

}  // namespace revbench::results::report

#include "results/report/pros_and_cons.hpp"

#include <algorithm>

#include "results/report/figure_format.hpp"

namespace revbench::results::report {

std::string operations(double n, const char* store) {
  return number_text(n) + " " + store + (n == 1 ? " operation" : " operations");
}

namespace {

// "1 Redis operation", "1 Redis and 2 PostgreSQL operations": only the stores it calls.
std::string store_calls(const StrategyProfile& p) {
  const double redis = p.redis_per_request.median, pg = p.pg_per_request.median;
  if (redis == 0) return operations(pg, "PostgreSQL");
  if (pg == 0) return operations(redis, "Redis");
  return number_text(redis) + " Redis and " + operations(pg, "PostgreSQL");
}

}  // namespace

std::vector<std::string> pros_and_cons(const StrategyProfile& p, const std::optional<double>& cheapest_p99) {
  std::vector<std::string> items;
  if (p.has_hot_path) {
    const std::string latency = "p99 " + spread_text(p.p99, seconds_text);
    if (p.store_per_request() == 0)
      items.push_back("Good, because its hot path makes no store call (" + latency + ")");
    else
      items.push_back("Bad, because every GET /api/resource costs " + store_calls(p) + " (" + latency +
                      (cheapest_p99 ? ", against " + seconds_text(*cheapest_p99) + " without a store" : std::string()) +
                      ")");
  }
  if (p.worst_lag_max) {
    const std::string lag = spread_text(p.worst_lag_max->value, seconds_text) + " (worst event: " + p.worst_lag_max->where + ")";
    if (p.worst_lag_max->value.median < 0.05)
      items.push_back("Good, because a revoked session is refused within " + lag);
    else
      items.push_back("Bad, because a revoked session keeps working for up to " + lag);
  }
  if (p.most_accepted_after_revoke && p.most_accepted_after_revoke->value.median > 0)
    items.push_back("Bad, because a thief got " + spread_text(p.most_accepted_after_revoke->value, count_text) +
                    " requests accepted after the revoke (" + p.most_accepted_after_revoke->where + ")");
  if (p.logout_collateral && p.logout_collateral->value.median > 0)
    items.push_back("Bad, because a single-device logout ended " + spread_text(p.logout_collateral->value, count_text) +
                    " other sessions");
  else if (p.most_collateral && p.most_collateral->value.median > 0)
    items.push_back("Bad, because " + p.most_collateral->where + " ended " +
                    spread_text(p.most_collateral->value, count_text) + " other sessions");
  else if (p.logout_collateral)
    items.push_back("Good, because a logout ends no other session (0 other sessions ended)");
  if (p.theft_detections && p.theft_detections->value.median > 0)
    items.push_back("Good, because it detects a stolen refresh token (" +
                    spread_text(p.theft_detections->value, count_text) + " detections, " + p.theft_detections->where + ")");
  if (p.false_theft && p.false_theft->value.median > 0)
    items.push_back("Bad, because it took " + spread_text(p.false_theft->value, count_text) +
                    " legitimate clients for thieves (" + p.false_theft->where + ")");
  if (p.lag_bounded_by_ttl) {
    std::string ttls;
    for (const double ttl : p.access_ttls_seconds) ttls += (ttls.empty() ? "" : ", ") + number_text(ttl) + " s";
    items.push_back("Neutral, because a revoked token works until it expires: its lag is the access TTL's (" + ttls +
                    " in these runs), in production as long as yours");
  }
  for (const auto& outage : p.store_outages) {
    if (outage.requests == 0) continue;
    std::string where;
    for (const auto& scenario : outage.scenarios) where += (where.empty() ? "" : ", ") + code(scenario);
    const std::string store = outage.store == "redis" ? "Redis" : outage.store == "postgres" ? "PostgreSQL" : outage.store;
    const std::string of = count_text(static_cast<double>(outage.answered)) + " of " +
                           count_text(static_cast<double>(outage.requests));
    if (outage.answered == outage.requests)
      items.push_back("Good, because it kept serving while " + store + " was down: GET /api/resource answered " + of +
                      " (" + where + ")");
    else
      items.push_back("Bad, because while " + store + " was down GET /api/resource answered only " + of + ", " +
                      count_text(static_cast<double>(outage.most_refused_count)) + " refused " + outage.most_refused +
                      " (" + where + ")");
  }
  for (const auto& broken : p.broken_promises) items.push_back("Bad, because it broke its promise: " + broken);
  // MADR's order: the good, the neutral, then the bad.
  const auto rank = [](const std::string& item) { return item.starts_with("Good") ? 0 : item.starts_with("Neutral") ? 1 : 2; };
  std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& c) { return rank(a) < rank(c); });
  return items;
}

}  // namespace revbench::results::report

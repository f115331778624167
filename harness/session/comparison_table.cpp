#include "harness/session/comparison_table.hpp"

#include <algorithm>
#include <cstdio>
#include <iomanip>

namespace revbench::session {
namespace {

double ms(std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e6; }

std::string fixed3(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

// A sweep plays a scenario once per point (a store RTT, a replica delay, a
// balancer): the row says which.
std::string scenario_label(const results::ScenarioRun& run) {
  return run.scenario->name + (run.store_rtt.empty() ? "" : " @" + run.store_rtt) +
         (run.replica_delay.empty() ? "" : " @replica " + run.replica_delay) +
         (run.topology.balancer == "none" ? "" : " @" + run.topology.balancer);
}

// The name columns fit the longest name, with two spaces to spare, so
// "refresh-rotation-replay" never runs into its scenario.
struct NameWidths {
  int strategy = 18;
  int scenario = 28;
};

NameWidths widths_for(const std::vector<results::ScenarioRun>& runs) {
  NameWidths widths;
  for (const auto& run : runs) {
    widths.strategy = std::max(widths.strategy, static_cast<int>(run.strategy.size()) + 2);
    widths.scenario = std::max(widths.scenario, static_cast<int>(scenario_label(run).size()) + 2);
  }
  return widths;
}

void print_header(std::ostream& out, NameWidths widths) {
  out << "\nGET /api/resource of the users (warm-up excluded), open loop, latency from the intended send time; "
         "lag from the revoking response to the last instance's first rejection\n\n";
  out << std::left << std::setw(widths.strategy) << "strategy" << std::setw(widths.scenario) << "scenario" << std::right << std::setw(8) << "req/s"
      << std::setw(9) << "p50 ms" << std::setw(9) << "p99 ms" << std::setw(10) << "redis/req" << std::setw(8) << "pg/req"
      << std::setw(12) << "lag p50 ms" << std::setw(12) << "lag max ms" << std::setw(8) << "thief" << std::setw(11)
      << "collateral" << std::setw(8) << "false" << "  promise\n";
}

void print_row(std::ostream& out, const results::ScenarioRun& run, NameWidths widths) {
  const auto resource = results::resource_totals(run.stats);
  double recorded = 0;
  for (const auto& phase : run.scenario->phases)
    if (phase.record) recorded += std::chrono::duration<double>(phase.duration).count();
  const double n = std::max<double>(1, static_cast<double>(resource.requests()));
  const auto& s = run.stats.security;
  const bool lag = run.stats.revocation_lag.count() > 0;
  out << std::left << std::setw(widths.strategy) << run.strategy << std::setw(widths.scenario) << scenario_label(run)
      << std::right << std::fixed
      << std::setprecision(0) << std::setw(8) << (recorded > 0 ? static_cast<double>(resource.requests()) / recorded : 0.0)
      << std::setprecision(3) << std::setw(9) << ms(resource.corrected.percentile(50)) << std::setw(9)
      << ms(resource.corrected.percentile(99)) << std::setprecision(2) << std::setw(10)
      << static_cast<double>(resource.redis_ops) / n << std::setw(8) << static_cast<double>(resource.pg_ops) / n
      << std::setw(12) << (lag ? fixed3(ms(run.stats.revocation_lag.percentile(50))) : std::string("-")) << std::setw(12)
      << (lag ? fixed3(ms(run.stats.revocation_lag.max())) : std::string("-")) << std::setw(8) << s.accepted_after_revoke
      << std::setw(11) << s.collateral_logouts << std::setw(8) << s.false_theft_detections << "  " << verdict_label(run)
      << "\n";
}

// What the row's figures do not say: a broken promise, store faults, a store-ops mismatch.
void print_notes(std::ostream& out, const results::ScenarioRun& run) {
  if (!run.verdict.kept) out << "    " << run.verdict.reason << "\n";
  // One line per faulted phase: its faults, then what the phase got (the same for each of them).
  const auto& faults = run.stats.faults;
  for (std::size_t first = 0; first < faults.size();) {
    std::size_t end = first;
    std::string what, back, links_healed;
    double slowest = 0;
    for (; end < faults.size() && faults[end].phase == faults[first].phase; ++end) {
      const auto& fault = faults[end];
      const auto of_instance = fault.instance == 0 ? std::string() : " of instance " + std::to_string(fault.instance);
      what += (what.empty() ? "" : ", ") +
              (fault.link.empty() ? fault.store + " " + fault.action : fault.link + of_instance + " " + fault.detail);
      if (fault.link.empty()) back += (back.empty() ? "" : " and ") + fault.store + " returned";
      else links_healed = links_healed.empty() ? "the " + fault.link + " link healed" : std::string("the links healed");
      slowest = fault.reconnect_s < 0 || slowest < 0 ? -1 : std::max(slowest, fault.reconnect_s);
    }
    if (!links_healed.empty()) back += (back.empty() ? "" : " and ") + links_healed;
    const auto summary = results::fault_to_json(faults[first], run.stats);
    std::string users;
    for (const auto& [outcome, count] : summary.at("users").as_object())
      users += (users.empty() ? "" : ", ") + std::string(outcome) + " (" + std::to_string(count.to_number<std::uint64_t>()) + ")";
    const auto thief_requests = summary.at("thief_requests").to_number<std::uint64_t>();
    const auto thief = thief_requests == 0 ? std::string("no thief requests")
                                           : "the stolen token accepted " +
                                                 std::to_string(summary.at("thief_accepted").to_number<std::uint64_t>()) +
                                                 " of " + std::to_string(thief_requests) + " times";
    out << "    " << faults[first].phase << " (" << what << "): users got " << (users.empty() ? "nothing" : users) << "; "
        << thief << "; clients back "
        << (slowest < 0 ? std::string("not within 10 s") : fixed3(slowest) + " s") << " after " << back << "\n";
    first = end;
  }
  if (run.store_ops.available && !run.store_ops.match())
    out << "    store ops announced (redis " << run.store_ops.redis_announced << ", pg " << run.store_ops.pg_announced
        << ") differ from the stores' counts (redis " << run.store_ops.redis_counted << ", pg " << run.store_ops.pg_counted
        << ")\n";
}

}  // namespace

std::string verdict_label(const results::ScenarioRun& run) {
  if (!run.promise) return "-";
  if (run.promise == contract::Promise::not_applicable) return "n/a";
  return std::string(contract::to_string(*run.promise)) + (run.verdict.kept ? " (kept)" : " (BROKEN)");
}

void print_comparison(std::ostream& out, const std::vector<results::ScenarioRun>& runs) {
  const auto widths = widths_for(runs);
  print_header(out, widths);
  for (const auto& run : runs) {
    print_row(out, run, widths);
    print_notes(out, run);
  }
  out << "\nthief: requests accepted after the revoke (sent after the revoking response); collateral: sessions "
         "refused that no event targeted; false: reuse_detected answers to refreshes nobody stole\n";
}

}  // namespace revbench::session

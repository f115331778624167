// `revbench lag`: how long a stolen access token keeps working after its
// revocation, on every server instance, over repeated trials.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>

#include "harness/cli/commands.hpp"
#include "harness/cli/duration_flag.hpp"
#include "harness/load/log_in.hpp"
#include "harness/load/revocation_lag.hpp"
#include "harness/session/results_writer.hpp"
#include "results/hdr_interval_log.hpp"
#include "results/results_file.hpp"
#include "results/threshold.hpp"

namespace revbench::cli {
namespace {

struct LagOptions {
  std::vector<std::string> targets;
  std::string event = "logout";
  load::LagPlan plan;
  int interval_us = 200;
  std::chrono::nanoseconds give_up{std::chrono::seconds(10)};
  std::string out;
  std::string hlog_out;
  std::vector<std::string> thresholds;
  std::string command;
};

// --hlog-out: the trials' lags, an interval a second (or as trials end, when one takes longer).
class LagIntervals {
 public:
  LagIntervals(const std::string& path, const std::string& command, std::string tag)
      : tag_(std::move(tag)), log_(results::open_hlog_out(path, since_, "revbench lag: " + command)) {}
  ~LagIntervals() { flush(); }
  LagIntervals(const LagIntervals&) = delete;
  LagIntervals& operator=(const LagIntervals&) = delete;

  void add(std::chrono::nanoseconds lag) {
    window_.record(lag);
    if (std::chrono::system_clock::now() - since_ >= std::chrono::seconds(1)) flush();
  }
  void flush() {
    const auto now = std::chrono::system_clock::now();
    log_->interval(tag_, now, now - since_, window_);
    window_.reset();
    since_ = now;
  }

 private:
  std::chrono::system_clock::time_point since_ = std::chrono::system_clock::now();
  std::string tag_;
  std::unique_ptr<results::HdrIntervalLog> log_;
  load::LatencyHistogram window_;
};

std::map<std::string, double> lag_metrics(const load::LagReport& report) {
  const auto seconds = [](std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e9; };
  return {{"lag_p50", seconds(report.lag.percentile(50))},
          {"lag_p99", seconds(report.lag.percentile(99))},
          {"lag_max", seconds(report.lag.max())},
          {"accepted_after_revoke", static_cast<double>(report.accepted_after_revoke)},
          {"never_rejected", static_cast<double>(report.never_rejected)}};
}

}  // namespace

Action add_lag_command(CLI::App& app, const std::string& command_line) {
  auto* command = app.add_subcommand("lag", "Measure revocation lag: a thief probes a revoked token until it is refused");
  auto o = std::make_shared<LagOptions>();
  o->command = command_line;
  command->add_option("--target", o->targets, "http://host:port of a server instance (repeat for a fleet)")->required();
  command->add_option("--event", o->event, "logout, logout-all, password-change, ban or rotate-secret")->capture_default_str();
  command->add_option("--trials", o->plan.trials, "Repetitions, one seeded user each")->capture_default_str();
  command->add_option("--first-user", o->plan.first_user, "Trial i uses user-(first-user + i)")->capture_default_str();
  command->add_option("--admin-token", o->plan.admin_token, "For ban and rotate-secret (or REVBENCH_ADMIN_TOKEN)");
  command->add_option("--interval-us", o->interval_us, "Microseconds between the thief's probes")->capture_default_str();
  add_duration_flag(*command, "--give-up", o->give_up,  "s",
                    "After the revoke, how long until a token still accepted counts as never revoked [default: 10s]");
  command->add_option("--out", o->out, "Write the results file (JSON) here");
  command->add_option("--hlog-out", o->hlog_out,
                      "Write an HdrHistogram interval log (.hlog) of the lags here, one interval a second, tagged "
                      "strategy=...;scenario=lag;event=EVENT;measure=revocation_lag");
  command->add_option("--threshold", o->thresholds,
                      "Repeatable: lag_p99<10ms, accepted_after_revoke==0, never_rejected==0 ...");
  return [o] {
    std::vector<results::Threshold> thresholds;
    for (const auto& text : o->thresholds) thresholds.push_back(results::parse_threshold(text));
    for (const auto& target : o->targets) o->plan.instances.push_back(load::parse_target(target));
    o->plan.event = load::parse_revoking_event(o->event);
    o->plan.probe_interval = std::chrono::microseconds(o->interval_us);
    o->plan.give_up = std::chrono::duration_cast<std::chrono::milliseconds>(o->give_up);
    if (o->plan.admin_token.empty())
      if (const char* token = std::getenv("REVBENCH_ADMIN_TOKEN")) o->plan.admin_token = token;

    const session::ResultsWriter writer(o->out, "revocation_lag", o->command);
    std::unique_ptr<LagIntervals> intervals;
    if (!o->hlog_out.empty()) {
      intervals = std::make_unique<LagIntervals>(
          o->hlog_out, o->command,
          results::hdr_tag({{"strategy", load::server_strategy(o->plan.instances.front())}, {"scenario", "lag"},
                            {"event", o->event}, {"measure", "revocation_lag"}}));
      o->plan.on_lag = [&intervals](std::chrono::nanoseconds lag) { intervals->add(lag); };
    }
    const auto report = load::measure_revocation_lag(o->plan);
    intervals.reset();  // its last interval written
    if (!report.error.empty()) throw std::runtime_error(report.error);
    const auto ms = [](std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e6; };
    std::map<std::string, int> reasons;
    for (const auto& reason : report.reasons) ++reasons[reason];
    std::cout << std::fixed << std::setprecision(3) << "event " << o->event << ", " << o->plan.trials << " trials on "
              << o->plan.instances.size() << " instance(s)\n"
              << "revocation lag (ms): p50 " << ms(report.lag.percentile(50)) << "  p90 " << ms(report.lag.percentile(90))
              << "  p99 " << ms(report.lag.percentile(99)) << "  max " << ms(report.lag.max()) << "\n"
              << "thief requests accepted after the revoke: " << report.accepted_after_revoke << "\n"
              << "trials never rejected within " << std::chrono::duration<double>(o->give_up).count() << " s: " << report.never_rejected << "\n"
              << "rejection reasons:";
    for (const auto& [reason, count] : reasons) std::cout << " " << reason << "=" << count;
    std::cout << "\n";
    const auto failed = results::violations(thresholds, lag_metrics(report));
    for (const auto& reason : failed) std::cerr << reason << "\n";
    boost::json::object reason_counts;
    for (const auto& [reason, count] : reasons) reason_counts[reason] = count;
    writer.write(true,
                 {{"event", o->event}, {"trials", o->plan.trials}, {"instances", o->targets.size()},
                  {"probe_interval_seconds", o->interval_us / 1e6}, {"give_up_seconds", std::chrono::duration<double>(o->give_up).count()}},
                 {{"result", {{"lag", results::histogram_to_json(report.lag)},
                              {"lag_p50_seconds", ms(report.lag.percentile(50)) / 1e3},
                              {"lag_p99_seconds", ms(report.lag.percentile(99)) / 1e3},
                              {"lag_max_seconds", ms(report.lag.max()) / 1e3},
                              {"accepted_after_revoke", report.accepted_after_revoke},
                              {"never_rejected", report.never_rejected},
                              {"rejection_reasons", std::move(reason_counts)}}},
                  {"thresholds", results::threshold_verdicts(thresholds, lag_metrics(report))}});
    return failed.empty() ? 0 : 3;
  };
}

}  // namespace revbench::cli

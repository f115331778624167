// `revbench load`: one request shape at a target, open or closed loop, with
// latency from the intended send time. The scenario engine builds on the
// same runner.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>
#include <map>
#include <memory>
#include <thread>

#include "harness/contract/seeded_users.hpp"
#include "harness/cli/commands.hpp"
#include "harness/cli/duration_flag.hpp"
#include "harness/cli/shutdown_signals.hpp"
#include "harness/load/load_metrics.hpp"
#include "harness/load/load_runner.hpp"
#include "harness/load/log_in.hpp"
#include "harness/session/results_writer.hpp"
#include "harness/server/seed.hpp"
#include "results/hdr_interval_log.hpp"
#include "results/results_file.hpp"
#include "results/threshold.hpp"

namespace revbench::cli {
namespace {

struct LoadOptions {
  std::string target;
  load::LoadRequest request;
  load::LoadPlan plan;
  std::chrono::nanoseconds duration{std::chrono::seconds(10)};
  std::chrono::nanoseconds warmup{std::chrono::seconds(1)};
  std::chrono::nanoseconds think{0};
  bool closed = false;
  std::string login_user;
  std::string hdr_out;
  std::string hlog_out;
  std::string out;
  std::vector<std::string> thresholds;
  std::string command;
  int metrics_port = -1;
  std::string stages;
};

double seconds(std::chrono::nanoseconds ns) { return std::chrono::duration<double>(ns).count(); }

// What thresholds can name, latencies in seconds.
std::map<std::string, double> threshold_metrics(const load::LoadReport& report) {
  const auto& s = report.stats;
  const auto seconds = [](std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e9; };
  const double requests = static_cast<double>(s.requests());
  std::uint64_t errors = 0;
  for (const auto& [status, count] : s.statuses)
    if (status < 200 || status >= 300) errors += count;
  return {{"p50", seconds(s.corrected.percentile(50))},
          {"p90", seconds(s.corrected.percentile(90))},
          {"p99", seconds(s.corrected.percentile(99))},
          {"p99.9", seconds(s.corrected.percentile(99.9))},
          {"p99.99", seconds(s.corrected.percentile(99.99))},
          {"max", seconds(s.corrected.max())},
          {"uncorrected_p99", seconds(s.uncorrected.percentile(99))},
          {"throughput", report.achieved_rate},
          {"requests", requests},
          {"errors", static_cast<double>(errors)},
          {"error_rate", requests > 0 ? static_cast<double>(errors) / requests : 0.0},
          {"redis_ops_per_request", requests > 0 ? static_cast<double>(s.redis_ops) / requests : 0.0},
          {"pg_ops_per_request", requests > 0 ? static_cast<double>(s.pg_ops) / requests : 0.0}};
}

// The generator's own peak resident memory: flat however long it runs
// (histograms, not samples), which bench-http's memory check relies on.
boost::json::object with_peak_memory(boost::json::object result) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  result["generator_max_rss_bytes"] = static_cast<std::int64_t>(usage.ru_maxrss) * 1024;
  return result;
}

void print(const load::LoadReport& report, const load::LoadPlan& plan) {
  const auto ms = [](std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e6; };
  const auto& s = report.stats;
  std::cout << std::fixed << std::setprecision(3);
  std::cout << "requests  " << s.requests() << " in " << report.measured_seconds << " s (warm-up excluded): "
            << std::setprecision(1) << report.achieved_rate << " req/s"
            << (plan.mode != load::LoadPlan::Mode::open ? std::string()
               : plan.stages.empty() ? " of " + std::to_string(static_cast<long>(plan.rate)) + " scheduled"
                                     : std::string(" (ramping stages)"))
            << "\n" << std::setprecision(3);
  std::cout << "latency (ms)        p50      p90      p99    p99.9   p99.99      max\n";
  const std::pair<const char*, const load::LatencyHistogram*> rows[] = {{"corrected  ", &s.corrected},
                                                                       {"uncorrected", &s.uncorrected}};
  for (const auto& [name, h] : rows) {
    std::cout << "  " << name << " ";
    for (double p : {50.0, 90.0, 99.0, 99.9, 99.99}) std::cout << std::setw(8) << ms(h->percentile(p)) << " ";
    std::cout << std::setw(8) << ms(h->max()) << "\n";
  }
  std::cout << "statuses ";
  for (const auto& [status, count] : s.statuses) std::cout << " " << (status == 0 ? std::string("no-response") : std::to_string(status)) << "=" << count;
  std::cout << "\n";
  if (s.requests() > 0)
    std::cout << "store ops per request: redis " << static_cast<double>(s.redis_ops) / static_cast<double>(s.requests())
              << ", postgres " << static_cast<double>(s.pg_ops) / static_cast<double>(s.requests()) << "\n";
  if (!report.warning.empty()) std::cerr << "warning: " << report.warning << "\n";
}

bool all_of(std::string_view text, bool (*allowed)(char)) {
  return std::all_of(text.begin(), text.end(), allowed);
}

const CLI::Validator http_method(
    [](const std::string& text) {
      return !text.empty() && all_of(text, [](char c) { return c >= 'A' && c <= 'Z'; })
                 ? std::string()
                 : "expected an HTTP method in capitals (GET, POST, ...), got '" + text + "'";
    },
    "METHOD");
const CLI::Validator visible_text(
    [](const std::string& text) {
      return all_of(text, [](char c) { return c > ' ' && c < 0x7F; })
                 ? std::string()
                 : std::string("expected printable ASCII without spaces");
    },
    "TEXT");
const CLI::Validator request_path(
    [](const std::string& text) {
      return !text.empty() && text[0] == '/' && visible_text(text).empty()
                 ? std::string()
                 : "expected a path from '/' in printable ASCII without spaces, got '" + text + "'";
    },
    "PATH");

}  // namespace

Action add_load_command(CLI::App& app, const std::string& command_line) {
  auto* command = app.add_subcommand("load", "Send one kind of request to a server at a fixed rate (or closed loop)");
  auto o = std::make_shared<LoadOptions>();
  o->command = command_line;
  command->add_option("--target", o->target, "http://host:port of the server")->required();
  // The generator writes the request's bytes as given: nothing may break its lines.
  command->add_option("--method", o->request.method, "HTTP method")->capture_default_str()->check(http_method);
  command->add_option("--path", o->request.path, "Request path")->capture_default_str()->check(request_path);
  command->add_option("--body", o->request.body, "JSON body");
  command->add_option("--token", o->request.bearer, "Bearer token to send")->check(visible_text);
  command->add_option("--login", o->login_user, "Log in as this seeded user first and send its access token");
  command->add_option("--rate", o->plan.rate, "Open loop: requests per second (with --stages: the rate they start from)")
      ->capture_default_str();
  command->add_option("--stages", o->stages,
                      "Open loop, ramping: DURATION:RATE,... each stage ramps linearly to its rate (10s:1000,30s:5000); "
                      "their sum is the duration");
  command->add_option("--connections", o->plan.connections, "Connections (closed loop: virtual users)")->capture_default_str();
  command->add_option("--threads", o->plan.threads, "Load threads")->capture_default_str();
  auto* duration = add_duration_flag(*command, "--duration", o->duration, "s", "How long, warm-up included [default: 10s]");
  command->add_option("--requests", o->plan.max_requests,
                      "Stop after sending this many requests, warm-up included (then --duration, if given, is a cap)");
  add_duration_flag(*command, "--warmup", o->warmup, "s", "Sent but not recorded [default: 1s]");
  command->add_flag("--closed", o->closed, "Closed loop: each connection sends when the last reply came");
  add_duration_flag(*command, "--think", o->think, "ms", "Closed loop: the pause between a reply and the next request");
  command->add_option("--hdr-out", o->hdr_out, "Write the corrected latency distribution (HdrHistogram text, ms) here");
  command->add_option("--hlog-out", o->hlog_out,
                      "Write an HdrHistogram interval log (.hlog) here: the corrected latency, one interval a second, "
                      "tagged strategy=...;scenario=load;phase=run;endpoint=PATH");
  command->add_option("--out", o->out, "Write the results file (JSON) here; on SIGINT/SIGTERM it is marked incomplete");
  command->add_option("--threshold", o->thresholds,
                      "Pass/fail criterion, repeatable: p99<5ms, error_rate<=0.01, throughput>=900 ...");
  command->add_option("--metrics-port", o->metrics_port,
                      "Serve the generator's own metrics on 127.0.0.1:PORT/metrics while it runs (0: a free port)");
  return [o, duration] {
    if (o->plan.max_requests != 0 && duration->count() == 0) o->duration = std::chrono::hours(1);  // the count ends the run
    std::vector<results::Threshold> thresholds;
    for (const auto& text : o->thresholds) thresholds.push_back(results::parse_threshold(text));
    // SIGINT/SIGTERM stop the load; what completed is still reported and written.
    const ShutdownSignals signals;
    const SignalStop stop(signals);
    const session::ResultsWriter writer(o->out, "load", o->command);
    const auto target = load::parse_target(o->target);
    if (!o->login_user.empty()) o->request.bearer = load::log_in(target, o->login_user, contract::seeded_password(o->login_user));
    o->plan.mode = o->closed ? load::LoadPlan::Mode::closed : load::LoadPlan::Mode::open;
    o->plan.duration = std::chrono::duration_cast<std::chrono::milliseconds>(o->duration);
    if (!o->stages.empty()) {
      o->plan.stages = load::ArrivalSchedule::parse_stages(o->stages);
      o->plan.duration = load::ArrivalSchedule(o->plan.rate, o->plan.stages).duration();
      o->duration = o->plan.duration;
    }
    o->plan.warmup = std::chrono::duration_cast<std::chrono::milliseconds>(o->warmup);
    o->plan.think_time = std::chrono::duration_cast<std::chrono::milliseconds>(o->think);
    // One line kept up to date on a terminal; a line per second otherwise (logs, CI).
    const bool terminal = isatty(STDERR_FILENO) != 0;
    load::LoadMetrics metrics;
    if (o->metrics_port >= 0)
      std::cout << "METRICS http://127.0.0.1:" << metrics.serve(static_cast<std::uint16_t>(o->metrics_port))
                << "/metrics" << std::endl;
    const std::string strategy =
        o->metrics_port >= 0 || !o->hlog_out.empty() ? load::server_strategy(target) : std::string();
    std::unique_ptr<results::HdrIntervalLog> hlog;
    if (!o->hlog_out.empty())
      hlog = results::open_hlog_out(o->hlog_out, std::chrono::system_clock::now(), "revbench load: " + o->command);
    const auto tag = results::hdr_tag({{"strategy", strategy}, {"scenario", "load"}, {"phase", "run"}, {"endpoint", o->request.path}});
    o->plan.on_progress = [terminal, &metrics, &strategy, &hlog, &tag](const load::ProgressSample& p) {
      metrics.add({strategy, "load", p.requests - p.errors, p.errors, &p.latency, nullptr, &p.generator_lag, 0, 0});
      if (hlog) hlog->interval(tag, std::chrono::system_clock::now(), std::chrono::duration<double>(p.interval_seconds), p.latency);
      if (p.run_end) return;  // a rate over a few milliseconds says nothing
      char line[160];
      std::snprintf(line, sizeof line, "[%6.1f/%.1f s] %9.0f req/s  p99 %8.3f ms  errors %llu", p.elapsed_seconds,
                    p.total_seconds, p.interval_seconds > 0 ? static_cast<double>(p.requests) / p.interval_seconds : 0.0,
                    static_cast<double>(p.p99.count()) / 1e6, static_cast<unsigned long long>(p.errors));
      if (terminal)
        std::cerr << "\r" << line << std::flush;
      else
        std::cerr << line << "\n";
    };
    const load::LoadRequest request = o->request;
    const auto report = load::run_load(target, o->plan, request, &stop.flag());
    if (terminal) std::cerr << "\n";
    print(report, o->plan);
    if (stop.stopped()) std::cerr << "interrupted: the results hold what completed\n";
    if (!o->hdr_out.empty()) std::ofstream(o->hdr_out) << report.stats.corrected.percentile_distribution(1e6);
    const auto failed = results::violations(thresholds, threshold_metrics(report));
    for (const auto& reason : failed) std::cerr << reason << "\n";
    writer.write(!stop.stopped(),
                 {{"target", o->target}, {"method", o->request.method}, {"path", o->request.path},
                  {"mode", o->closed ? "closed" : "open"}, {"rate_per_second", o->plan.rate},
                  {"connections", o->plan.connections}, {"threads", o->plan.threads},
                  {"duration_seconds", seconds(o->duration)}, {"warmup_seconds", seconds(o->warmup)},
                  {"think_seconds", seconds(o->think)}, {"stages", o->stages}, {"max_requests", o->plan.max_requests}},
                 {{"result", with_peak_memory(results::load_report_to_json(report))},
                  {"thresholds", results::threshold_verdicts(thresholds, threshold_metrics(report))}});
    if (stop.stopped()) return 130;
    return failed.empty() ? 0 : 3;
  };
}

}  // namespace revbench::cli

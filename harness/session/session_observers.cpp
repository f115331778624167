#include "harness/session/session_observers.hpp"

#include <chrono>
#include <iostream>
#include <stdexcept>

#include "results/results_file.hpp"

namespace revbench::session {

void open_interval_log(const SessionSpec& spec, Observers& observers) {
  if (spec.hlog_out.empty()) return;
  observers.hlog = results::open_hlog_out(spec.hlog_out, std::chrono::system_clock::now(),
                                          "revbench " + spec.kind + ": " + spec.command);
  observers.interval_log = std::make_unique<IntervalLogObserver>(*observers.hlog);
}

void start_observers(const SessionSpec& spec, Observers& observers) {
  if (spec.metrics_port < 0 && !spec.observe) return;
  const auto port = observers.metrics.serve(static_cast<std::uint16_t>(std::max(spec.metrics_port, 0)));
  observers.feed = std::make_unique<MetricsFeed>(observers.metrics);
  std::cout << "METRICS http://127.0.0.1:" << port << "/metrics" << std::endl;
  if (!spec.observe) return;
  const std::string run_id = spec.run_id.empty() ? results::utc_now() : spec.run_id;
  observers.prometheus = std::make_unique<PrometheusObserver>(
      ObserveOptions{spec.observe_config, spec.observe_dir, static_cast<std::uint16_t>(spec.prometheus_port), port, run_id});
  std::cout << "OBSERVE " << observers.prometheus->url() << " run_id=" << run_id
            << " (Prometheus scraping the servers and the load generator; data in " << spec.observe_dir << ")" << std::endl;
}

}  // namespace revbench::session

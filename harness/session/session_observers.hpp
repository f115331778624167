#pragma once
// The observers a session's spec asks for, besides the terminal's progress
// line: the generator's metrics, a Prometheus, an HdrHistogram interval log.
#include <memory>
#include <vector>

#include "harness/load/load_metrics.hpp"
#include "harness/session/interval_log_observer.hpp"
#include "harness/session/metrics_feed.hpp"
#include "harness/session/prometheus_observer.hpp"
#include "harness/session/session.hpp"
#include "harness/session/terminal_progress.hpp"
#include "results/hdr_interval_log.hpp"

namespace revbench::session {

struct Observers {
  TerminalProgress terminal;
  load::LoadMetrics metrics;
  std::unique_ptr<MetricsFeed> feed;
  std::unique_ptr<PrometheusObserver> prometheus;
  std::unique_ptr<results::HdrIntervalLog> hlog;
  std::unique_ptr<IntervalLogObserver> interval_log;
  std::vector<RunObserver*> all() {
    std::vector<RunObserver*> out{&terminal};
    if (feed) out.push_back(feed.get());
    if (prometheus) out.push_back(prometheus.get());
    if (interval_log) out.push_back(interval_log.get());
    return out;
  }
};

// Before any store starts: a log that cannot be written is a bad command line.
void open_interval_log(const SessionSpec& spec, Observers& observers);
// The metrics endpoint and the Prometheus, when the spec asks for them.
void start_observers(const SessionSpec& spec, Observers& observers);

}  // namespace revbench::session

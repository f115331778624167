#pragma once
// `--observe`: a real Prometheus, started for the run, scraping every server
// instance and the load generator each second through file-based service
// discovery (the scrape config of dashboards/prometheus/). Its data outlives
// the run in a directory of the user's choice, so the dashboards can be
// looked at afterwards with the command it prints.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/session/run_observer.hpp"
#include "harness/store/child_process.hpp"
#include "harness/store/temp_dir.hpp"

namespace revbench::session {

struct ObserveOptions {
  std::string config_dir;       // holds prometheus.yml (dashboards/prometheus)
  std::string data_dir;         // Prometheus's TSDB; kept after the run
  std::uint16_t port = 9090;    // 127.0.0.1:port (0: a free port)
  std::uint16_t load_port = 0;  // the load generator's /metrics
  std::string run_id;           // a label on every target, so on every series scraped
};

class PrometheusObserver final : public RunObserver {
 public:
  // Starts Prometheus and waits until it is ready; throws with its log when it is not.
  explicit PrometheusObserver(const ObserveOptions& options);
  ~PrometheusObserver();
  PrometheusObserver(const PrometheusObserver&) = delete;
  PrometheusObserver& operator=(const PrometheusObserver&) = delete;

  std::string url() const;
  // The servers to scrape from now on (empty: none), then waits (up to a
  // few seconds) until Prometheus has scraped them once, so a short run is
  // never missed.
  void scrape_servers(const std::vector<load::HttpTarget>& servers);
  void run_starting(const RunLabel&, const std::vector<load::HttpTarget>& instances) override { scrape_servers(instances); }
  // How to look at the data again once the run is over.
  std::string replay_command() const;

 private:
  bool scraped(const load::HttpTarget& server) const;

  ObserveOptions options_;
  store::TempDir config_;
  std::string log_path_;
  store::ChildProcess prometheus_;
};

}  // namespace revbench::session

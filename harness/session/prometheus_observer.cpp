#include "harness/session/prometheus_observer.hpp"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "harness/load/log_in.hpp"
#include "harness/store/free_port.hpp"

namespace revbench::session {
namespace {

using namespace std::chrono_literals;
namespace json = boost::json;

// Prometheus re-reads a file_sd file when it is replaced: write, then rename.
// The target group's labels go on every series scraped from its targets.
void write_targets(const std::filesystem::path& path, const std::vector<load::HttpTarget>& targets, const std::string& run_id) {
  json::array groups;
  if (!targets.empty()) {
    json::array addresses;
    for (const auto& target : targets) addresses.emplace_back(target.host + ":" + std::to_string(target.port));
    json::object group;
    group["targets"] = std::move(addresses);
    group["labels"] = json::object{{"run_id", run_id}};
    groups.push_back(std::move(group));
  }
  const auto temporary = path.string() + ".tmp";
  std::ofstream(temporary) << json::serialize(groups) << "\n";
  std::filesystem::rename(temporary, path);
}

std::string address(const load::HttpTarget& target) { return target.host + ":" + std::to_string(target.port); }

}  // namespace

PrometheusObserver::PrometheusObserver(const ObserveOptions& options) : options_(options), config_("revbench-observe") {
  if (options_.port == 0) options_.port = store::free_loopback_port();
  std::filesystem::create_directories(options_.data_dir);
  options_.data_dir = std::filesystem::absolute(options_.data_dir).string();
  const auto source = std::filesystem::path(options_.config_dir) / "prometheus.yml";
  if (!std::filesystem::exists(source)) throw std::runtime_error("--observe: no scrape config at " + source.string());
  std::filesystem::copy_file(source, config_.path() / "prometheus.yml");
  write_targets(config_.path() / "servers.json", {}, options_.run_id);
  write_targets(config_.path() / "load.json", {{"127.0.0.1", options_.load_port}}, options_.run_id);
  log_path_ = (config_.path() / "prometheus.log").string();
  store::ChildOptions child;
  child.argv = {"prometheus",
                "--config.file=" + (config_.path() / "prometheus.yml").string(),
                "--storage.tsdb.path=" + options_.data_dir,
                "--web.listen-address=127.0.0.1:" + std::to_string(options_.port),
                "--storage.tsdb.retention.time=30d"};
  child.log_path = log_path_;
  child.working_dir = config_.path().string();
  try {
    prometheus_ = store::ChildProcess(child);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("--observe: cannot start prometheus (scripts/setup installs it): ") + e.what());
  }
  const load::HttpTarget self{"127.0.0.1", options_.port};
  const auto give_up = std::chrono::steady_clock::now() + 20s;
  while (load::send_once(self, {"GET", "/-/ready", {}, {}}, 500ms).status != 200) {
    if (!prometheus_.running() || std::chrono::steady_clock::now() > give_up)
      throw std::runtime_error("--observe: prometheus did not come up:\n" + store::tail_of(log_path_));
    std::this_thread::sleep_for(50ms);
  }
}

PrometheusObserver::~PrometheusObserver() {
  // One more scrape interval, so the load generator's last figures are in;
  // SIGTERM lets the TSDB close cleanly.
  std::this_thread::sleep_for(1500ms);
  prometheus_.stop(SIGTERM, 10s);
}

std::string PrometheusObserver::url() const { return "http://127.0.0.1:" + std::to_string(options_.port); }

bool PrometheusObserver::scraped(const load::HttpTarget& server) const {
  const auto response = load::send_once({"127.0.0.1", options_.port},
                                        {"GET", "/api/v1/query?query=up%7Binstance%3D%22" + address(server) + "%22%7D", {}, {}},
                                        500ms);
  return response.status == 200 && response.body.find("\"value\"") != std::string::npos;
}

void PrometheusObserver::scrape_servers(const std::vector<load::HttpTarget>& servers) {
  write_targets(config_.path() / "servers.json", servers, options_.run_id);
  const auto give_up = std::chrono::steady_clock::now() + 10s;
  for (const auto& server : servers)
    while (!scraped(server) && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(100ms);
}

std::string PrometheusObserver::replay_command() const {
  return "prometheus --config.file=" + (std::filesystem::path(options_.config_dir) / "prometheus.yml").string() +
         " --storage.tsdb.path=" + options_.data_dir + " --web.listen-address=127.0.0.1:" +
         std::to_string(options_.port) + " --storage.tsdb.retention.time=30d";
}

}  // namespace revbench::session

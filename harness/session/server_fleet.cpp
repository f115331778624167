#include "harness/session/server_fleet.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "harness/jwt/claims.hpp"
#include "harness/load/log_in.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/server/http_server.hpp"
#include "harness/store/free_port.hpp"

namespace revbench::session {
namespace {

std::string own_executable() {
  char path[4096];
  const auto length = readlink("/proc/self/exe", path, sizeof path - 1);
  if (length <= 0) throw std::runtime_error("cannot find the revbench executable (/proc/self/exe)");
  return std::string(path, static_cast<std::size_t>(length));
}

bool answers(const load::HttpTarget& target) {
  return load::send_once(target, load::requests::healthz(), std::chrono::milliseconds(500)).status == 200;
}

// `revbench serve` prints LISTENING once its start is over, its strategy's
// catch-up included. The log is appended to run after run: read from `from`.
bool listening(const std::string& log_path, std::uintmax_t from) {
  std::ifstream log(log_path);
  log.seekg(static_cast<std::streamoff>(from));
  std::string line;
  while (std::getline(log, line))
    if (line.starts_with("LISTENING ")) return true;
  return false;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

ServerFleet::ServerFleet(const FleetOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  auto strategy_options = o.strategy_options;
  const auto instances = o.stores.size();
  strategy_options.redis_reads_replica = !o.stores.front().redis_replica.empty();
  strategy_options.pg_reads_replica = !o.stores.front().pg_replica.empty();
  if (instances > 1 && strategy_options.signing_seed.empty()) strategy_options.signing_seed = jwt::random_id() + jwt::random_id();
  strategy_ = strategies::make_strategy(o.strategy, strategy_options);
  server::ServerConfig config;
  config.redis_url = o.stores.front().redis;
  config.subscriber_redis_url = o.stores.front().subscriber_redis;
  config.pg_url = o.stores.front().pg;
  config.redis_read_url = o.stores.front().redis_replica;
  config.pg_read_url = o.stores.front().pg_replica;
  config.threads = o.threads;
  config.admin_token = o.admin_token;
  config.reset_delivery = server::ResetDelivery::response;  // the scenarios' reset steps read the mailbox
  if (instances == 1) {
    local_ = std::make_unique<server::HttpServer>(config, *strategy_);
    if (!local_->start(o.ready_wait))
      throw std::runtime_error("the server's stores did not answer, or its strategy's memory did not catch up with "
                               "them, within " + std::to_string(o.ready_wait.count()) + " s");
    targets_.push_back({"127.0.0.1", local_->port()});
    ready_seconds_ = seconds_since(started);
    return;
  }
  std::vector<std::uintmax_t> log_starts;  // where this run's lines begin in each instance's log
  for (std::size_t i = 0; i < instances; ++i) {
    const auto port = store::free_loopback_port();
    store::ChildOptions child;
    child.argv = {own_executable(), "serve", "--strategy", o.strategy, "--port", std::to_string(port),
                  "--threads", std::to_string(o.threads), "--redis-url", o.stores[i].redis, "--pg-url", o.stores[i].pg,
                  "--subscriber-redis-url", o.stores[i].subscriber_redis,
                  "--seed-users", "0", "--reset-delivery", "response",
                  "--ready-wait", std::to_string(o.ready_wait.count()) + "s"};
    for (auto& flag : strategies::knob_argv(strategy_options)) child.argv.push_back(std::move(flag));
    if (!o.stores[i].redis_replica.empty()) child.argv.insert(child.argv.end(), {"--redis-read-url", o.stores[i].redis_replica});
    if (!o.stores[i].pg_replica.empty()) child.argv.insert(child.argv.end(), {"--pg-read-url", o.stores[i].pg_replica});
    child.env = {"REVBENCH_ADMIN_TOKEN=" + o.admin_token, "REVBENCH_SHARED_SEED=" + strategy_options.signing_seed};
    child.log_path = o.log_dir + "/instance-" + std::to_string(i + 1) + ".log";
    std::error_code absent;
    const auto size = std::filesystem::file_size(child.log_path, absent);
    log_starts.push_back(absent ? 0 : size);
    children_.emplace_back(child);
    targets_.push_back({"127.0.0.1", port});
  }
  const auto give_up = started + o.ready_wait + std::chrono::seconds(5);
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    const auto log = o.log_dir + "/instance-" + std::to_string(i + 1) + ".log";
    while (!listening(log, log_starts[i]) || !answers(targets_[i])) {
      if (!children_[i].running() || std::chrono::steady_clock::now() > give_up)
        throw std::runtime_error("instance " + std::to_string(i + 1) + " did not come up:\n" + store::tail_of(log));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ready_seconds_ = seconds_since(started);
}

std::vector<long long> ServerFleet::resident_bytes() const {
  std::vector<long long> bytes;
  for (const auto& child : children_) {
    std::ifstream status("/proc/" + std::to_string(child.pid()) + "/status");
    std::string line;
    while (std::getline(status, line))
      if (line.starts_with("VmRSS:")) bytes.push_back(std::stoll(line.substr(6)) * 1024);  // "VmRSS:  123 kB"
  }
  return bytes;
}

ServerFleet::~ServerFleet() {
  if (local_) local_->stop();
  for (auto& child : children_) child.stop(SIGTERM, std::chrono::seconds(5));
}

}  // namespace revbench::session

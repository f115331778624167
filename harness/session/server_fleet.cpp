#include "harness/session/server_fleet.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
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

}  // namespace

ServerFleet::ServerFleet(const FleetOptions& o) {
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
    if (!local_->start()) throw std::runtime_error("the server's stores did not answer");
    targets_.push_back({"127.0.0.1", local_->port()});
    return;
  }
  for (std::size_t i = 0; i < instances; ++i) {
    const auto port = store::free_loopback_port();
    store::ChildOptions child;
    child.argv = {own_executable(), "serve", "--strategy", o.strategy, "--port", std::to_string(port),
                  "--threads", std::to_string(o.threads), "--redis-url", o.stores[i].redis, "--pg-url", o.stores[i].pg,
                  "--subscriber-redis-url", o.stores[i].subscriber_redis,
                  "--seed-users", "0", "--reset-delivery", "response"};
    for (auto& flag : strategies::knob_argv(strategy_options)) child.argv.push_back(std::move(flag));
    if (!o.stores[i].redis_replica.empty()) child.argv.insert(child.argv.end(), {"--redis-read-url", o.stores[i].redis_replica});
    if (!o.stores[i].pg_replica.empty()) child.argv.insert(child.argv.end(), {"--pg-read-url", o.stores[i].pg_replica});
    child.env = {"REVBENCH_ADMIN_TOKEN=" + o.admin_token, "REVBENCH_SHARED_SEED=" + strategy_options.signing_seed};
    child.log_path = o.log_dir + "/instance-" + std::to_string(i + 1) + ".log";
    children_.emplace_back(child);
    targets_.push_back({"127.0.0.1", port});
  }
  for (std::size_t i = 0; i < targets_.size(); ++i) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!answers(targets_[i])) {
      if (!children_[i].running() || std::chrono::steady_clock::now() > give_up)
        throw std::runtime_error("instance " + std::to_string(i + 1) + " did not come up:\n" +
                                 store::tail_of(o.log_dir + "/instance-" + std::to_string(i + 1) + ".log"));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

ServerFleet::~ServerFleet() {
  if (local_) local_->stop();
  for (auto& child : children_) child.stop(SIGTERM, std::chrono::seconds(5));
}

}  // namespace revbench::session

#include "harness/store/embedded_redis.hpp"

#include <signal.h>

#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>
#include <thread>

#include "harness/store/blocking_redis.hpp"
#include "harness/store/free_port.hpp"

namespace revbench::store {
namespace {

// The process id of the redis-server answering on `port`, or 0 when none
// answers: one that took the port first is not ours.
long answering_pid(std::uint16_t port) {
  const auto info = info_of(port, "server", std::chrono::milliseconds(200));
  if (!info) return 0;
  const auto at = info->find("process_id:");
  return at == std::string::npos ? 0 : std::stol(info->substr(at + 11));
}

}  // namespace

EmbeddedRedis::EmbeddedRedis(std::string binary, std::uint16_t first_port)
    : binary_(std::move(binary)), dir_("revbench-redis") {
  start_on_a_free_port(
      [this](std::uint16_t port) {
        port_ = port;
        start();
      },
      first_port);
}

EmbeddedRedis::EmbeddedRedis(ReplicaOf replica, std::string binary)
    : binary_(std::move(binary)), dir_("revbench-redis-replica"), primary_port_(replica.primary_port) {
  start_on_a_free_port([this](std::uint16_t port) {
    port_ = port;
    start();
  });
}

EmbeddedRedis::~EmbeddedRedis() { process_.stop(SIGTERM, std::chrono::seconds(5)); }

std::string EmbeddedRedis::url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

void EmbeddedRedis::kill() { process_.stop(SIGKILL, std::chrono::milliseconds(0)); }

void EmbeddedRedis::start() {
  const std::string log = (dir_.path() / "redis.log").string();
  std::vector<std::string> argv{binary_, "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir_.path().string(),
                                "--daemonize", "no", "--maxclients", "10000", "--loglevel", "warning",
                                // Bound to loopback: its peers may come from 127.0.0.2 as well.
                                "--protected-mode", "no"};
  if (replicas_for_writes_ > 0)
    argv.insert(argv.end(), {"--min-replicas-to-write", std::to_string(replicas_for_writes_), "--min-replicas-max-lag", "1"});
  if (announced_port_ != 0)
    argv.insert(argv.end(), {"--replica-announce-ip", "127.0.0.1", "--replica-announce-port",
                             std::to_string(announced_port_), "--bind-source-addr", source_address_});
  if (primary_port_ != 0)
    argv.insert(argv.end(), {"--replicaof", "127.0.0.1", std::to_string(primary_port_), "--replica-read-only", "yes"});
  process_ = ChildProcess(ChildOptions{argv, std::nullopt, log, dir_.path().string()});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (answering_pid(port_) != process_.pid()) {
    if (!process_.running()) {
      const std::string said = tail_of(log);
      if (says_port_taken(said)) throw PortTaken("redis-server: port " + std::to_string(port_) + " taken: " + said);
      throw std::runtime_error("redis-server exited at start-up (is redis-server installed?): " + said);
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("redis-server did not answer within 10 s: " + tail_of(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void EmbeddedRedis::follow(std::uint16_t primary_port) {
  const auto context = connect_blocking(port_);
  if (!context) throw std::runtime_error("redis replica on port " + std::to_string(port_) + " does not answer");
  const auto reply = ask(context.get(), "REPLICAOF 127.0.0.1 %d", int{primary_port});
  if (!reply || reply->type == REDIS_REPLY_ERROR)
    throw std::runtime_error("redis replica: REPLICAOF 127.0.0.1 " + std::to_string(primary_port) + ": " +
                             (reply ? std::string(reply->str, reply->len) : "no answer"));
  primary_port_ = primary_port;
}

void EmbeddedRedis::configure(std::initializer_list<std::pair<const char*, std::string>> settings) const {
  const auto context = connect_blocking(port_);
  if (!context) throw std::runtime_error("redis on port " + std::to_string(port_) + " does not answer");
  for (const auto& [name, value] : settings) {
    const auto reply = ask(context.get(), "CONFIG SET %s %s", name, value.c_str());
    if (!reply || reply->type == REDIS_REPLY_ERROR)
      throw std::runtime_error("redis on port " + std::to_string(port_) + ": CONFIG SET " + name + " " + value + ": " +
                               (reply ? std::string(reply->str, reply->len) : "no answer"));
  }
}

void EmbeddedRedis::announce(std::uint16_t port, const std::string& source) {
  configure({{"replica-announce-ip", "127.0.0.1"}, {"replica-announce-port", std::to_string(port)}, {"bind-source-addr", source}});
  announced_port_ = port;
  source_address_ = source;
}

void EmbeddedRedis::require_replicas_for_writes(int replicas) {
  configure({{"min-replicas-to-write", std::to_string(replicas)}, {"min-replicas-max-lag", "1"}});
  replicas_for_writes_ = replicas;
}

bool EmbeddedRedis::answers_as_primary() const {
  const auto info = info_of(port_, "replication");
  return info && info->find("role:master") != std::string::npos;
}

bool EmbeddedRedis::replicating() const { return replicating_from(primary_port_); }

bool EmbeddedRedis::replicating_from(std::uint16_t port) const {
  const auto info = info_of(port_, "replication");
  // From that port: right after REPLICAOF the old link may still read as up.
  return info && info->find("master_port:" + std::to_string(port) + "\r\n") != std::string::npos &&
         info->find("master_link_status:up") != std::string::npos &&
         info->find("master_sync_in_progress:0") != std::string::npos;
}

}  // namespace revbench::store

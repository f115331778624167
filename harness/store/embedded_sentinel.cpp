#include "harness/store/embedded_sentinel.hpp"

#include <signal.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "harness/store/blocking_redis.hpp"
#include "harness/store/free_port.hpp"

namespace revbench::store {
namespace {

// The length of an array reply to `command`; nullopt on any error.
std::optional<std::size_t> count_of(redisContext* context, const std::string& command, const std::string& name) {
  const auto reply = ask(context, "SENTINEL %s %b", command.c_str(), name.data(), name.size());
  if (!reply || reply->type != REDIS_REPLY_ARRAY) return std::nullopt;
  return reply->elements;
}

// Of SENTINEL REPLICAS' entries (field, value, field, value, ...), those
// flagged a plain, reachable replica whose link to the primary is ok.
std::size_t replicas_up(redisContext* context, const std::string& name) {
  const auto reply = ask(context, "SENTINEL REPLICAS %b", name.data(), name.size());
  if (!reply || reply->type != REDIS_REPLY_ARRAY) return 0;
  std::size_t up = 0;
  for (std::size_t i = 0; i < reply->elements; ++i) {
    const auto* entry = reply->element[i];
    bool plain = false, linked = false;
    for (std::size_t f = 0; entry->type == REDIS_REPLY_ARRAY && f + 1 < entry->elements; f += 2) {
      const std::string field(entry->element[f]->str, entry->element[f]->len);
      const std::string value(entry->element[f + 1]->str, entry->element[f + 1]->len);
      if (field == "flags") plain = value == "slave";
      if (field == "master-link-status") linked = value == "ok";
    }
    up += plain && linked ? 1 : 0;
  }
  return up;
}

}  // namespace

EmbeddedSentinel::EmbeddedSentinel(SentinelWatch watch, std::string binary)
    : binary_(std::move(binary)), watch_(std::move(watch)), dir_("revbench-sentinel") {
  start_on_a_free_port([this](std::uint16_t port) {
    port_ = port;
    start();
  });
}

EmbeddedSentinel::~EmbeddedSentinel() { process_.stop(SIGTERM, std::chrono::seconds(5)); }

void EmbeddedSentinel::start() {
  // Sentinel rewrites its configuration file as it learns (replicas, other
  // Sentinels, epochs): a file of its own, in its own directory.
  const auto config = dir_.path() / "sentinel.conf";
  {
    std::ofstream out(config);
    out << "port " << port_ << "\nbind 127.0.0.1\ndaemonize no\nprotected-mode no\ndir " << dir_.path().string()
        << "\nsentinel resolve-hostnames no\nsentinel monitor " << watch_.primary_name << " 127.0.0.1 "
        << watch_.primary_port << " " << watch_.quorum << "\nsentinel down-after-milliseconds " << watch_.primary_name
        << " " << watch_.down_after.count() << "\nsentinel failover-timeout " << watch_.primary_name << " "
        << watch_.failover_timeout.count() << "\nsentinel parallel-syncs " << watch_.primary_name << " 1\n";
    if (!watch_.source_address.empty())
      out << "bind-source-addr " << watch_.source_address << "\nsentinel announce-ip 127.0.0.1\n";
    if (!out) throw std::runtime_error("redis-sentinel: cannot write " + config.string());
  }
  const std::string log = (dir_.path() / "sentinel.log").string();
  process_ = ChildProcess(ChildOptions{{binary_, config.string(), "--sentinel", "--loglevel", "notice"},
                                       std::nullopt, log, dir_.path().string()});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!known()) {
    if (!process_.running()) {
      const std::string said = tail_of(log);
      if (says_port_taken(said)) throw PortTaken("redis-sentinel: port " + std::to_string(port_) + " taken: " + said);
      throw std::runtime_error("redis-server --sentinel exited at start-up: " + said);
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("redis-sentinel did not answer within 10 s: " + tail_of(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::optional<EmbeddedSentinel::Known> EmbeddedSentinel::known() const {
  const auto context = connect_blocking(port_);
  if (!context) return std::nullopt;
  const auto replicas = count_of(context.get(), "replicas", watch_.primary_name);
  const auto sentinels = count_of(context.get(), "sentinels", watch_.primary_name);
  if (!replicas || !sentinels) return std::nullopt;
  return Known{*replicas, replicas_up(context.get(), watch_.primary_name), *sentinels};
}

}  // namespace revbench::store

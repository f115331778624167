#include "harness/store/embedded_redis.hpp"

#include <hiredis/hiredis.h>
#include <signal.h>

#include <memory>
#include <stdexcept>
#include <vector>
#include <thread>

#include "harness/store/free_port.hpp"

namespace revbench::store {
namespace {

using Reply = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;
using Context = std::unique_ptr<redisContext, decltype(&redisFree)>;

Context connect_to(std::uint16_t port) {
  const timeval timeout{0, 500'000};
  return Context(redisConnectWithTimeout("127.0.0.1", port, timeout), redisFree);
}

// The process id of the redis-server answering on `port`, or 0 when none
// answers: one that took the port first is not ours.
long answering_pid(std::uint16_t port) {
  const timeval timeout{0, 200'000};
  redisContext* context = redisConnectWithTimeout("127.0.0.1", port, timeout);
  long pid = 0;
  if (context != nullptr && context->err == 0) {
    auto* reply = static_cast<redisReply*>(redisCommand(context, "INFO server"));
    if (reply != nullptr && reply->type == REDIS_REPLY_STRING) {
      const std::string info(reply->str, reply->len);
      if (const auto at = info.find("process_id:"); at != std::string::npos) pid = std::stol(info.substr(at + 11));
    }
    freeReplyObject(reply);
  }
  redisFree(context);
  return pid;
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
                                "--daemonize", "no", "--maxclients", "10000", "--loglevel", "warning"};
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
  auto context = connect_to(port_);
  if (!context || context->err != 0) throw std::runtime_error("redis replica on port " + std::to_string(port_) + " does not answer");
  Reply reply(static_cast<redisReply*>(redisCommand(context.get(), "REPLICAOF 127.0.0.1 %d", int{primary_port})),
              freeReplyObject);
  if (!reply || reply->type == REDIS_REPLY_ERROR)
    throw std::runtime_error("redis replica: REPLICAOF 127.0.0.1 " + std::to_string(primary_port) + ": " +
                             (reply ? std::string(reply->str, reply->len) : "no answer"));
  primary_port_ = primary_port;
}

bool EmbeddedRedis::replicating() const {
  auto context = connect_to(port_);
  if (!context || context->err != 0) return false;
  Reply reply(static_cast<redisReply*>(redisCommand(context.get(), "INFO replication")), freeReplyObject);
  if (!reply || reply->type != REDIS_REPLY_STRING) return false;
  const std::string info(reply->str, reply->len);
  // From the port it was last told: right after REPLICAOF the old link may still read as up.
  return info.find("master_port:" + std::to_string(primary_port_) + "\r\n") != std::string::npos &&
         info.find("master_link_status:up") != std::string::npos &&
         info.find("master_sync_in_progress:0") != std::string::npos;
}

}  // namespace revbench::store

#include "harness/store/embedded_redis.hpp"

#include <hiredis/hiredis.h>
#include <signal.h>

#include <stdexcept>
#include <thread>

#include "harness/store/free_port.hpp"

namespace revbench::store {
namespace {

bool answers_ping(std::uint16_t port) {
  const timeval timeout{0, 200'000};
  redisContext* context = redisConnectWithTimeout("127.0.0.1", port, timeout);
  bool ok = false;
  if (context != nullptr && context->err == 0) {
    auto* reply = static_cast<redisReply*>(redisCommand(context, "PING"));
    ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS;
    freeReplyObject(reply);
  }
  redisFree(context);
  return ok;
}

}  // namespace

EmbeddedRedis::EmbeddedRedis(std::string binary)
    : binary_(std::move(binary)), dir_("revbench-redis"), port_(free_loopback_port()) {
  start();
}

EmbeddedRedis::~EmbeddedRedis() { process_.stop(SIGTERM, std::chrono::seconds(5)); }

std::string EmbeddedRedis::url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

void EmbeddedRedis::kill() { process_.stop(SIGKILL, std::chrono::milliseconds(0)); }

void EmbeddedRedis::start() {
  const std::string log = (dir_.path() / "redis.log").string();
  process_ = ChildProcess(ChildOptions{
      {binary_, "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
       "--appendfsync", "everysec",
       "--dir", dir_.path().string(), "--daemonize", "no", "--maxclients", "10000", "--loglevel", "warning"},
      std::nullopt, log, dir_.path().string()});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!answers_ping(port_)) {
    if (!process_.running())
      throw std::runtime_error("redis-server exited at start-up (is redis-server installed?): " + tail_of(log));
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("redis-server did not answer within 10 s: " + tail_of(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace revbench::store

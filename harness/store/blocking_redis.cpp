#include "harness/store/blocking_redis.hpp"

namespace revbench::store {

BlockingContext connect_blocking(std::uint16_t port, std::chrono::milliseconds timeout) {
  return connect_blocking("127.0.0.1", port, timeout);
}

BlockingContext connect_blocking(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout) {
  const timeval limit{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  BlockingContext context(redisConnectWithTimeout(host.c_str(), port, limit), redisFree);
  if (!context || context->err != 0) return BlockingContext(nullptr, redisFree);
  redisSetTimeout(context.get(), limit);
  return context;
}

std::optional<std::string> info_of(std::uint16_t port, const char* section, std::chrono::milliseconds timeout) {
  const auto context = connect_blocking(port, timeout);
  if (!context) return std::nullopt;
  const auto reply = ask(context.get(), "INFO %s", section);
  if (!reply || reply->type != REDIS_REPLY_STRING) return std::nullopt;
  return std::string(reply->str, reply->len);
}

}  // namespace revbench::store

#pragma once
// Short blocking conversations with a Redis or a Sentinel on loopback, for
// threads that serve no requests (start-up, faults, the fault thread's
// checks): connect with a deadline, ask, own the reply.
#include <hiredis/hiredis.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace revbench::store {

using BlockingContext = std::unique_ptr<redisContext, decltype(&redisFree)>;
using BlockingReply = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;

// Connected to 127.0.0.1:port, `timeout` for the connect and for every
// reply; null when nothing answers there.
BlockingContext connect_blocking(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::milliseconds(500));
BlockingContext connect_blocking(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout);

// The reply to a command formatted as redisCommand's (hiredis's %s, %b, %d).
template <typename... Args>
BlockingReply ask(redisContext* context, const char* format, Args... args) {
  return BlockingReply(static_cast<redisReply*>(redisCommand(context, format, args...)), freeReplyObject);
}

// INFO SECTION's text from the server on 127.0.0.1:port; nullopt when it does not answer.
std::optional<std::string> info_of(std::uint16_t port, const char* section,
                                   std::chrono::milliseconds timeout = std::chrono::milliseconds(500));

}  // namespace revbench::store

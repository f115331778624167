#pragma once
// A Redis client on hiredis's async API driven by Asio.
//
// One client is one connection, used from one executor (one io_context
// thread): a server runs one client per thread, nothing is shared on the hot
// path. A command issued while none is in flight leaves at once; the ones
// issued by concurrent coroutines while others are answered go out together
// in the next write (automatic pipelining); each caller still gets its own
// reply, in order.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <array>
#include <memory>
#include <span>
#include <string_view>

#include "harness/store/op_counters.hpp"
#include "harness/store/redis_config.hpp"
#include "harness/store/redis_reply.hpp"
#include "harness/store/store_error.hpp"

namespace revbench::store {

class InFlightGate;

namespace detail {
class RedisConnection;
}

class RedisClient {
 public:
  RedisClient(boost::asio::any_io_executor executor, RedisConfig config, OpCounters& counters);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Sends one command; a Redis error reply becomes Fault::server_error.
  // `tally`, when given, must outlive the call.
  boost::asio::awaitable<StoreResult<RedisReply>> execute(std::span<const std::string_view> args,
                                                          OpTally* tally = nullptr);
  // execute(tally, "SET", key, value): the arguments must live until the
  // co_await completes, as they do when the call is awaited at once.
  template <typename... Args>
  boost::asio::awaitable<StoreResult<RedisReply>> execute(OpTally* tally, const Args&... args) {
    const std::array<std::string_view, sizeof...(Args)> argv{std::string_view(args)...};
    co_return co_await execute(std::span<const std::string_view>(argv), tally);
  }

  bool connected() const;
  // From any thread: send to this server from now on (a failover's new
  // primary); commands in flight to the old one fail as unavailable.
  void retarget(RedisEndpoint to);
  const RedisConfig& config() const;
  // How many writes carried the commands: far fewer than commands when they pipeline.
  std::uint64_t write_events() const;
  std::size_t peak_in_flight() const;

 private:
  std::shared_ptr<detail::RedisConnection> connection_;
  std::shared_ptr<InFlightGate> gate_;
};

}  // namespace revbench::store

#pragma once
// The Beast HTTP/1.1 server: `threads` workers, each with its own io_context,
// its own acceptor on the shared port (SO_REUSEPORT) and its own Redis and
// PostgreSQL connections, so nothing is shared on the hot path but the
// strategy and the metrics.
#include <cstdint>
#include <memory>

#include "harness/server/server_config.hpp"
#include "strategies/strategy.hpp"

namespace revbench::server {

class Metrics;

class HttpServer {
 public:
  // Binds at once: throws std::runtime_error when the address is unusable.
  HttpServer(ServerConfig config, strategies::Strategy& strategy);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  // Starts the worker threads and returns once every worker's stores answer
  // (false if they did not within `store_wait`; the server runs regardless).
  bool start(std::chrono::milliseconds store_wait = std::chrono::seconds(10));
  void stop();
  Metrics& metrics();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace revbench::server

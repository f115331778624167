#pragma once
// Shared by the store integration tests: one embedded Redis and PostgreSQL
// for the whole binary (tests that kill a server start their own), and a way
// to run a coroutine to completion.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <optional>
#include <string>

#include "harness/store/embedded_postgres.hpp"
#include "harness/store/embedded_redis.hpp"

namespace revbench::store::testing {

EmbeddedRedis& shared_redis();
EmbeddedPostgres& shared_postgres();

// Runs `work` on `io` until it finishes, then stops `io` (clients keep their
// sockets watched, so the context would never run out of work by itself).
template <typename T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> work) {
  std::optional<T> value;
  std::exception_ptr error;
  boost::asio::co_spawn(io, std::move(work), [&](std::exception_ptr e, T v) {
    error = e;
    value = std::move(v);
    io.stop();
  });
  io.restart();
  io.run();
  if (error) std::rethrow_exception(error);
  return std::move(*value);
}

// Runs `one(0)` ... `one(n - 1)` concurrently on `io` until all have
// finished; returns how many returned true.
template <typename One>
int run_concurrently(boost::asio::io_context& io, int n, One one) {
  int succeeded = 0;
  int finished = 0;
  for (int i = 0; i < n; ++i)
    boost::asio::co_spawn(io, one(i), [&](std::exception_ptr e, bool ok) {
      succeeded += (!e && ok) ? 1 : 0;
      if (++finished == n) io.stop();
    });
  io.restart();
  io.run();
  return succeeded;
}

// Blocking helpers for the test's side of the comparison (not on io threads).
std::string redis_info(std::uint16_t port, const std::string& section);
long long pg_scalar(const std::string& conninfo, const std::string& sql);

}  // namespace revbench::store::testing

#pragma once
// A PostgreSQL client on libpq's non-blocking API and pipeline mode, driven
// by Asio: a small pool of connections, each with many queries in flight.
//
// Like RedisClient it belongs to one executor (one io_context thread).
// Every query is its own implicit transaction (one Sync per query), so one
// caller's error never aborts another caller's query in the same pipeline.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "harness/store/op_counters.hpp"
#include "harness/store/pg_config.hpp"
#include "harness/store/pg_result.hpp"
#include "harness/store/store_error.hpp"

namespace revbench::store {

class InFlightGate;

namespace detail {
class PgConnection;
}

using PgParam = std::optional<std::string_view>;  // nullopt is SQL NULL

class PgClient {
 public:
  PgClient(boost::asio::any_io_executor executor, PgConfig config, OpCounters& counters);
  ~PgClient();
  PgClient(const PgClient&) = delete;
  PgClient& operator=(const PgClient&) = delete;

  // Runs a prepared statement by name; the op is counted under that name.
  boost::asio::awaitable<StoreResult<PgResult>> query(std::string_view statement, std::span<const PgParam> params,
                                                      OpTally* tally = nullptr);
  // query(tally, "statement", param...): parameters are strings, string_views or
  // std::nullopt, and must live until the co_await completes.
  template <typename... Args>
  boost::asio::awaitable<StoreResult<PgResult>> query(OpTally* tally, std::string_view statement,
                                                      const Args&... args) {
    const std::array<PgParam, sizeof...(Args)> params{PgParam(args)...};
    co_return co_await query(statement, std::span<const PgParam>(params), tally);
  }

  std::size_t connected_count() const;
  // The most queries one connection had in flight at once: above 1 means they pipelined.
  std::size_t peak_in_flight() const;

 private:
  std::shared_ptr<const PgConfig> config_;
  std::vector<std::shared_ptr<detail::PgConnection>> pool_;
  std::shared_ptr<InFlightGate> gate_;
};

}  // namespace revbench::store

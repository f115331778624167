#pragma once
#include <chrono>
#include <string>
#include <vector>

namespace revbench::store {

// A statement every connection prepares when it connects; queries name it.
struct PreparedStatement {
  std::string name;
  std::string sql;
};

struct PgConfig {
  std::string conninfo;  // a libpq URI or key=value string
  std::size_t pool_size = 2;
  std::chrono::milliseconds query_timeout{2000};
  std::chrono::milliseconds reconnect_min{10};
  std::chrono::milliseconds reconnect_max{1000};
  std::vector<PreparedStatement> statements;
  bool pipelining = true;  // false: one query in flight per connection (to measure what pipelining buys)
  // Queries sent and not answered per connection, at most; past it a query
  // fails at once as unavailable (a silent server cannot grow the queue).
  std::size_t max_in_flight = 16384;
};

}  // namespace revbench::store

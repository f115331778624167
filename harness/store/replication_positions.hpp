#pragma once
// Where a primary's replication stream is and how far its replica has
// applied it, as the stores themselves say: Redis's replication offsets
// (INFO replication), PostgreSQL's WAL positions (pg_current_wal_lsn on the
// primary, pg_last_wal_replay_lsn on the standby), both in bytes of the
// stream, and the primary's own replay lag (pg_stat_replication). Blocking,
// on connections kept open between reads (a watcher reads every few
// milliseconds): a watcher's thread calls them, never an io thread.
// pg_stat_statements sees its queries marked `revbench watch`, and the
// store-ops count (store_counters.hpp) leaves them out.
#include <memory>
#include <optional>
#include <string>

namespace revbench::store {

class RedisPositions {
 public:
  explicit RedisPositions(std::string url);
  ~RedisPositions();
  // master_repl_offset: what a primary has written, or a replica processed.
  std::optional<long long> offset();

 private:
  struct Connection;
  std::string url_;
  std::unique_ptr<Connection> connection_;
};

class PgPositions {
 public:
  explicit PgPositions(std::string url);
  ~PgPositions();
  // Bytes of WAL a primary has written, or (`standby`) a standby has replayed.
  std::optional<long long> wal_position(bool standby);
  // A primary's view of its standby's replay lag in seconds; nothing when it reported none.
  std::optional<double> replay_lag_seconds();

 private:
  struct Connection;
  std::optional<std::string> single_value(const char* sql);
  std::string url_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace revbench::store

#include "harness/store/replication_positions.hpp"

#include <hiredis/hiredis.h>
#include <libpq-fe.h>

#include "harness/store/redis_config.hpp"

namespace revbench::store {

struct RedisPositions::Connection {
  redisContext* context = nullptr;
  ~Connection() { redisFree(context); }
};

RedisPositions::RedisPositions(std::string url) : url_(std::move(url)) {}
RedisPositions::~RedisPositions() = default;

std::optional<long long> RedisPositions::offset() {
  if (!connection_) {
    const auto config = parse_redis_url(url_);
    const timeval timeout{0, 500'000};
    auto connection = std::make_unique<Connection>();
    connection->context = redisConnectWithTimeout(config.host.c_str(), config.port, timeout);
    if (connection->context == nullptr || connection->context->err != 0) return std::nullopt;
    connection_ = std::move(connection);
  }
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(
      static_cast<redisReply*>(redisCommand(connection_->context, "INFO replication")), freeReplyObject);
  if (!reply || reply->type != REDIS_REPLY_STRING) {
    connection_.reset();  // the next read connects again
    return std::nullopt;
  }
  const std::string info(reply->str, reply->len);
  const std::string key = "\nmaster_repl_offset:";
  const auto at = info.find(key);
  if (at == std::string::npos) return std::nullopt;
  return std::stoll(info.substr(at + key.size()));
}

struct PgPositions::Connection {
  PGconn* conn = nullptr;
  ~Connection() { PQfinish(conn); }
};

PgPositions::PgPositions(std::string url) : url_(std::move(url)) {}
PgPositions::~PgPositions() = default;

// The one value of a one-row, one-column query, or nothing (no row, NULL, an error).
std::optional<std::string> PgPositions::single_value(const char* sql) {
  if (!connection_) {
    auto connection = std::make_unique<Connection>();
    connection->conn = PQconnectdb(url_.c_str());
    if (PQstatus(connection->conn) != CONNECTION_OK) return std::nullopt;
    connection_ = std::move(connection);
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection_->conn, sql), PQclear);
  if (PQstatus(connection_->conn) != CONNECTION_OK) {
    connection_.reset();
    return std::nullopt;
  }
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) != 1 || PQgetisnull(result.get(), 0, 0))
    return std::nullopt;
  return std::string(PQgetvalue(result.get(), 0, 0));
}

std::optional<long long> PgPositions::wal_position(bool standby) {
  const auto value = single_value(standby ? "SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn /* revbench watch */"
                                          : "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn /* revbench watch */");
  if (!value) return std::nullopt;
  return std::stoll(*value);
}

std::optional<double> PgPositions::replay_lag_seconds() {
  const auto value = single_value("SELECT extract(epoch FROM max(replay_lag)) FROM pg_stat_replication /* revbench watch */");
  if (!value) return std::nullopt;
  return std::stod(*value);
}

}  // namespace revbench::store

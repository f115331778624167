#include "harness/store/migrations.hpp"

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>

namespace revbench::store {
namespace {

constexpr long long advisory_lock_key = 0x7265766265'6e6368;  // "revbench"

struct Connection {
  PGconn* conn;
  ~Connection() { PQfinish(conn); }

  std::string exec(const std::string& sql, ExecStatusType expected = PGRES_COMMAND_OK) const {
    PGresult* result = PQexec(conn, sql.c_str());
    std::string value;
    if (PQresultStatus(result) != expected) {
      std::string error = PQresultErrorMessage(result);
      PQclear(result);
      throw std::runtime_error(error);
    }
    if (expected == PGRES_TUPLES_OK && PQntuples(result) > 0) value = PQgetvalue(result, 0, 0);
    PQclear(result);
    return value;
  }
};

}  // namespace

int apply_migrations(const std::string& conninfo) {
  Connection c{PQconnectdb(conninfo.c_str())};
  if (PQstatus(c.conn) != CONNECTION_OK) throw std::runtime_error("migrations: cannot connect: " + std::string(PQerrorMessage(c.conn)));
  PGresult* quiet = PQexec(c.conn, "SET client_min_messages = warning");
  PQclear(quiet);
  c.exec("SELECT pg_advisory_lock(" + std::to_string(advisory_lock_key) + ")", PGRES_TUPLES_OK);
  c.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, "
      "applied_at timestamptz NOT NULL DEFAULT now())");
  const int current = std::stoi(c.exec("SELECT coalesce(max(version), 0) FROM schema_migrations", PGRES_TUPLES_OK));
  int applied = 0;
  for (const auto& migration : migrations()) {
    if (migration.version <= current) continue;
    try {
      c.exec("BEGIN");
      c.exec(std::string(migration.sql));
      c.exec("INSERT INTO schema_migrations (version, name) VALUES (" + std::to_string(migration.version) + ", '" +
             std::string(migration.name) + "')");
      c.exec("COMMIT");
    } catch (const std::exception& e) {
      PQclear(PQexec(c.conn, "ROLLBACK"));
      throw std::runtime_error("migration " + std::to_string(migration.version) + " (" + std::string(migration.name) +
                               ") failed: " + e.what());
    }
    ++applied;
  }
  c.exec("SELECT pg_advisory_unlock(" + std::to_string(advisory_lock_key) + ")", PGRES_TUPLES_OK);
  return applied;
}

}  // namespace revbench::store

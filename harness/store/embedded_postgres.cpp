#include "harness/store/embedded_postgres.hpp"

#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "harness/store/free_port.hpp"

namespace revbench::store {
namespace fs = std::filesystem;
namespace {

std::string find_bin_dir() {
  for (const char* candidate : {"/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"})
    if (fs::exists(fs::path(candidate) / "initdb")) return candidate;
  throw std::runtime_error("PostgreSQL server binaries not found under /usr/lib/postgresql (run scripts/setup)");
}

// postgres will not run as root; borrow the packaged `postgres` account, else `nobody`.
std::optional<RunAs> unprivileged_user() {
  if (geteuid() != 0) return std::nullopt;
  for (const char* name : {"postgres", "nobody"})
    if (const passwd* pw = getpwnam(name)) return RunAs{pw->pw_uid, pw->pw_gid};
  throw std::runtime_error("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as");
}

std::string conninfo(std::uint16_t port, const std::string& db) {
  return "host=127.0.0.1 port=" + std::to_string(port) + " user=revbench dbname=" + db + " connect_timeout=5";
}

// The data directory of the server `info` reaches, or "" when it does not answer.
std::string data_directory_at(const std::string& info) {
  PGconn* conn = PQconnectdb(info.c_str());
  std::string directory;
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* result = PQexec(conn, "SHOW data_directory");
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1) directory = PQgetvalue(result, 0, 0);
    PQclear(result);
  }
  PQfinish(conn);
  return directory;
}

void exec_or_throw(const std::string& info, const std::string& sql) {
  PGconn* conn = PQconnectdb(info.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) throw std::runtime_error("embedded postgres: " + sql + ": " + error);
}

// The name the primary knows its standby by (pg_stat_replication,
// synchronous_standby_names).
constexpr const char* standby_name = "revbench_standby";

}  // namespace

EmbeddedPostgres::EmbeddedPostgres(std::string bin_dir, std::uint16_t first_port)
    : bin_dir_(bin_dir.empty() ? find_bin_dir() : std::move(bin_dir)),
      dir_("revbench-pg"),
      run_as_(unprivileged_user()) {
  if (run_as_ && chown(dir_.path().c_str(), run_as_->uid, run_as_->gid) != 0)
    throw std::runtime_error("cannot hand " + dir_.path().string() + " to the postgres user");
  const std::string log = (dir_.path() / "initdb.log").string();
  const int status = run_to_completion(ChildOptions{{bin_dir_ + "/initdb", "-D", (dir_.path() / "data").string(),
                                                     "-U", "revbench", "-A", "trust", "-E", "UTF8", "--no-sync",
                                                     "--no-instructions"},
                                                    run_as_, log, dir_.path().string()});
  if (status != 0) throw std::runtime_error("initdb failed (" + std::to_string(status) + "): " + tail_of(log));
  start_on_a_free_port(
      [this](std::uint16_t port) {
        port_ = port;
        start();
      },
      first_port);
  create_database();
}

EmbeddedPostgres::EmbeddedPostgres(StandbyOf standby)
    : bin_dir_(standby.primary.bin_dir_), dir_("revbench-pg-standby"), run_as_(unprivileged_user()) {
  if (run_as_ && chown(dir_.path().c_str(), run_as_->uid, run_as_->gid) != 0)
    throw std::runtime_error("cannot hand " + dir_.path().string() + " to the postgres user");
  base_backup_from(standby.primary.port());
  start_on_a_free_port([this](std::uint16_t port) {
    port_ = port;
    start();
  });
  stream_from(standby.primary.port());
  if (standby.synchronous) standby.primary.wait_for_standby_on_commit();
}

void EmbeddedPostgres::base_backup_from(std::uint16_t primary_port) {
  const std::string log = (dir_.path() / "basebackup.log").string();
  // --no-sync: the standby dies with the run, as the primary (fsync=off).
  const int status = run_to_completion(ChildOptions{
      {bin_dir_ + "/pg_basebackup", "-D", (dir_.path() / "data").string(), "-h", "127.0.0.1", "-p",
       std::to_string(primary_port), "-U", "revbench", "-X", "stream", "--checkpoint=fast", "--no-sync"},
      run_as_, log, dir_.path().string()});
  if (status != 0) throw std::runtime_error("pg_basebackup failed (" + std::to_string(status) + "): " + tail_of(log));
  // An empty standby.signal makes the copy start as a hot standby; follow() says from where.
  std::ofstream(dir_.path() / "data" / "standby.signal").flush();
  if (run_as_ && chown((dir_.path() / "data" / "standby.signal").c_str(), run_as_->uid, run_as_->gid) != 0)
    throw std::runtime_error("cannot hand the standby's signal file to the postgres user");
}

void EmbeddedPostgres::stream_from(std::uint16_t primary_port) {
  follow(primary_port);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!streaming()) {
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("the standby did not stream from its primary within 20 s: " +
                               tail_of((dir_.path() / "postgres.log").string()));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void EmbeddedPostgres::wait_for_standby_on_commit() const {
  const std::string primary = conninfo(port_, "postgres");
  exec_or_throw(primary, std::string("ALTER SYSTEM SET synchronous_standby_names = '") + standby_name + "'");
  exec_or_throw(primary, "ALTER SYSTEM SET synchronous_commit = 'remote_apply'");
  exec_or_throw(primary, "SELECT pg_reload_conf()");
}

void EmbeddedPostgres::promote() {
  // pg_promote waits (up to 10 s) until recovery has ended; false when it did not.
  exec_or_throw(conninfo(port_, "postgres"), "DO $$ BEGIN IF NOT pg_promote(true, 10) THEN RAISE 'not promoted within 10 s'; END IF; END $$");
  primary_port_ = 0;
}

void EmbeddedPostgres::rebuild_as_standby_of(const EmbeddedPostgres& primary) {
  process_.stop(SIGKILL, std::chrono::milliseconds(0));
  fs::remove_all(dir_.path() / "data");
  base_backup_from(primary.port());
  start();
  stream_from(primary.port());
}

void EmbeddedPostgres::follow(std::uint16_t primary_port) {
  const std::string info = conninfo(port_, "postgres");
  exec_or_throw(info, "ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.1 port=" + std::to_string(primary_port) +
                          " user=revbench application_name=" + standby_name + "'");
  exec_or_throw(info, "SELECT pg_reload_conf()");
  primary_port_ = primary_port;
}

bool EmbeddedPostgres::streaming() const {
  PGconn* conn = PQconnectdb(conninfo(port_, "postgres").c_str());
  bool streaming = false;
  if (PQstatus(conn) == CONNECTION_OK) {
    PGresult* result = PQexec(conn, "SELECT status, sender_port FROM pg_stat_wal_receiver");
    streaming = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1 &&
                std::string_view(PQgetvalue(result, 0, 0)) == "streaming" &&
                PQgetvalue(result, 0, 1) == std::to_string(primary_port_);
    PQclear(result);
  }
  PQfinish(conn);
  return streaming;
}

EmbeddedPostgres::~EmbeddedPostgres() {
  // SIGINT is PostgreSQL's fast shutdown: roll back, close sessions, exit.
  process_.stop(SIGINT, std::chrono::seconds(10));
}

std::string EmbeddedPostgres::url() const {
  return "postgresql://revbench@127.0.0.1:" + std::to_string(port_) + "/revbench";
}

void EmbeddedPostgres::signal(int sig) const {
  const pid_t postmaster = process_.pid();
  if (postmaster <= 0) return;
  // The backends are found before the postmaster is signalled: once it dies
  // they are re-parented and no longer recognisable as its children.
  std::vector<pid_t> backends;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string pid, comm, state;
    pid_t parent = 0;
    // comm may hold spaces only inside its parentheses; postgres titles have none there.
    if (stat >> pid >> comm >> state >> parent && parent == postmaster) backends.push_back(std::stoi(pid));
  }
  ::kill(postmaster, sig);
  for (const pid_t backend : backends) ::kill(backend, sig);
}

void EmbeddedPostgres::kill() {
  signal(SIGKILL);
  process_.stop(SIGKILL, std::chrono::milliseconds(0));
}

void EmbeddedPostgres::start() {
  const std::string log = (dir_.path() / "postgres.log").string();
  // After a SIGKILL the old backends need a moment to notice and release shared memory.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  for (;;) {
    process_ = ChildProcess(ChildOptions{
        {bin_dir_ + "/postgres", "-D", (dir_.path() / "data").string(), "-p", std::to_string(port_), "-k",
         dir_.path().string(), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c",
         "shared_preload_libraries=pg_stat_statements", "-c", "fsync=off", "-c",
         "logging_collector=off",
         // A standby whose primary died waits this long before it looks for WAL again, and a
         // promotion asked for meanwhile waits with it (5 s by default): a failover's pause.
         "-c", "wal_retrieve_retry_interval=100ms"},
        run_as_, log, dir_.path().string()});
    try {
      wait_until_ready(log);
      return;
    } catch (const PortTaken&) {
      throw;  // no use waiting: another server holds it
    } catch (const std::exception&) {
      if (std::chrono::steady_clock::now() > deadline) throw;
      process_.stop(SIGKILL, std::chrono::milliseconds(0));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

void EmbeddedPostgres::wait_until_ready(const std::string& log) {
  const std::string info = conninfo(port_, "postgres");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  // Ready once it answers as itself: a server that took the port first has another data directory.
  while (PQping(info.c_str()) != PQPING_OK || data_directory_at(info) != (dir_.path() / "data").string()) {
    if (!process_.running()) {
      const std::string said = tail_of(log);
      if (says_port_taken(said)) throw PortTaken("postgres: port " + std::to_string(port_) + " taken: " + said);
      throw std::runtime_error("postgres exited at start-up: " + said);
    }
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("postgres did not answer within 20 s: " + tail_of(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void EmbeddedPostgres::create_database() {
  exec_or_throw(conninfo(port_, "postgres"), "CREATE DATABASE revbench");
  exec_or_throw(conninfo(port_, "revbench"), "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
}

}  // namespace revbench::store

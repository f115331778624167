#pragma once
// A throwaway PostgreSQL 15 cluster: initdb into a temporary directory, run
// as an unprivileged user when revbench runs as root (postgres refuses root),
// on a free loopback port, with a `revbench` database and pg_stat_statements.
// fsync is off: the cluster dies with the run, and commits still survive a
// crash of the server process (only an OS crash could lose them);
// point --pg-url at a real server to measure durable writes.
#include <cstdint>
#include <optional>
#include <string>

#include "harness/store/child_process.hpp"
#include "harness/store/temp_dir.hpp"

namespace revbench::store {

class EmbeddedPostgres {
 public:
  // `bin_dir` empty: the newest /usr/lib/postgresql/*/bin, preferring 15.
  // It listens on a free port (`first_port` first, when given).
  explicit EmbeddedPostgres(std::string bin_dir = {}, std::uint16_t first_port = 0);
  // A hot standby of `primary`: a base backup of it (pg_basebackup), then
  // streaming replication from it. Asynchronous, or `synchronous`: the
  // primary's commits wait until the standby applied them (remote_apply).
  struct StandbyOf {
    const EmbeddedPostgres& primary;
    bool synchronous = false;
  };
  explicit EmbeddedPostgres(StandbyOf standby);
  ~EmbeddedPostgres();

  std::uint16_t port() const { return port_; }
  std::string url() const;  // postgresql://revbench@127.0.0.1:PORT/revbench
  pid_t pid() const { return process_.pid(); }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // For fault tests: SIGKILL the whole cluster (a crash) and start it again
  // on the same port, or signal every process of it (SIGSTOP/SIGCONT): each
  // backend is its own session leader, so the postmaster's group is not enough.
  void kill();
  void start();
  void signal(int sig) const;

  // A standby: stream from this loopback port from now on (a link in front
  // of the primary, or the primary itself). Throws when it does not take it.
  void follow(std::uint16_t primary_port);
  // A standby: its WAL receiver is streaming from the port it follows (the
  // old receiver may still stream for a moment after follow()).
  bool streaming() const;

  // A standby: ends recovery and takes writes (pg_promote, waiting until it
  // has); its primary is on its own. Throws when it does not.
  void promote();
  // A primary that was killed and failed over: its data is thrown away
  // (it may hold commits the promoted one never received) and it starts again
  // as a hot standby of `primary`, from a new base backup. Throws when it
  // does not stream within 20 s.
  void rebuild_as_standby_of(const EmbeddedPostgres& primary);
  // Makes this primary's commits wait until its standby applied them (remote_apply).
  void wait_for_standby_on_commit() const;

 private:
  // pg_basebackup of the primary on this loopback port into the data
  // directory, marked to start as a hot standby.
  void base_backup_from(std::uint16_t primary_port);
  // follow(primary_port), then waits until it streams.
  void stream_from(std::uint16_t primary_port);
  void wait_until_ready(const std::string& log);
  void create_database();

  std::string bin_dir_;
  TempDir dir_;
  std::optional<RunAs> run_as_;
  std::uint16_t port_ = 0;
  std::uint16_t primary_port_ = 0;  // a standby's; 0: a primary
  ChildProcess process_;
};

}  // namespace revbench::store

#pragma once
// A throwaway redis-server on a free loopback port, for runs and tests that
// are given no --redis-url. Persisted as production deny-lists are (an
// append-only file synced every second), so that a killed and restarted
// Redis remembers the revocations older than a second.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <utility>
#include <string>

#include "harness/store/child_process.hpp"
#include "harness/store/temp_dir.hpp"

namespace revbench::store {

class EmbeddedRedis {
 public:
  // Starts redis-server (from PATH, or `binary`) on a free port (`first_port`
  // first, when given) and waits until it answers as itself.
  explicit EmbeddedRedis(std::string binary = "redis-server", std::uint16_t first_port = 0);
  // A replica of the redis-server on this loopback port (REPLICAOF),
  // read-only, asynchronous as Redis replication is.
  struct ReplicaOf {
    std::uint16_t primary_port = 0;
  };
  explicit EmbeddedRedis(ReplicaOf replica, std::string binary = "redis-server");
  ~EmbeddedRedis();

  std::uint16_t port() const { return port_; }
  std::string url() const;
  pid_t pid() const { return process_.pid(); }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // For fault tests: SIGKILL and start again on the same port, or signal it (SIGSTOP/SIGCONT).
  void kill();
  void start();
  void signal(int sig) const { process_.signal(sig); }

  // A replica: replicate from this loopback port from now on (a link in
  // front of the primary, or the primary itself); a partial resync when the
  // primary is the same. Throws when the replica does not take it.
  void follow(std::uint16_t primary_port);
  // From now on, and after restarts: tell its peers it is at `port` (a link
  // in front of it), and reach them from `source` (a loopback address of
  // their side of the network, apart from the servers').
  void announce(std::uint16_t port, const std::string& source);
  // From now on, and after restarts: refuse writes (NOREPLICAS) unless this
  // many replicas acknowledged its stream within the last second
  // (min-replicas-to-write, min-replicas-max-lag 1); 0: never refuse.
  void require_replicas_for_writes(int replicas);
  // The port its peers know it by: the announced one, or its own.
  std::uint16_t announced_port() const { return announced_port_ != 0 ? announced_port_ : port_; }
  // A replica: its link to the port it follows is up and no full sync is under way.
  bool replicating() const;
  // A replica of the Redis known by this port, its link up and no full sync under way.
  bool replicating_from(std::uint16_t port) const;
  // Answers, and says it is a primary (INFO replication: role:master).
  bool answers_as_primary() const;

 private:
  void configure(std::initializer_list<std::pair<const char*, std::string>> settings) const;  // CONFIG SET each

  std::string binary_;
  TempDir dir_;
  std::uint16_t port_ = 0;
  std::uint16_t primary_port_ = 0;  // a replica's; 0: a primary
  std::uint16_t announced_port_ = 0;
  std::string source_address_;
  int replicas_for_writes_ = 0;
  ChildProcess process_;
};

}  // namespace revbench::store

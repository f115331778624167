#pragma once
// A throwaway redis-server on a free loopback port, for runs and tests that
// are given no --redis-url. Persisted as production deny-lists are (an
// append-only file synced every second), so that a killed and restarted
// Redis remembers the revocations older than a second.
#include <cstdint>
#include <memory>
#include <string>

#include "harness/store/child_process.hpp"
#include "harness/store/temp_dir.hpp"

namespace revbench::store {

class EmbeddedRedis {
 public:
  // Starts redis-server (from PATH, or `binary`) on a free port (`first_port`
  // first, when given) and waits until it answers as itself.
  explicit EmbeddedRedis(std::string binary = "redis-server", std::uint16_t first_port = 0);
  ~EmbeddedRedis();

  std::uint16_t port() const { return port_; }
  std::string url() const;
  pid_t pid() const { return process_.pid(); }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // For fault tests: SIGKILL and start again on the same port, or signal it (SIGSTOP/SIGCONT).
  void kill();
  void start();
  void signal(int sig) const { process_.signal(sig); }

 private:
  std::string binary_;
  TempDir dir_;
  std::uint16_t port_ = 0;
  ChildProcess process_;
};

}  // namespace revbench::store

#pragma once
// A server process revbench starts and must never leave behind: it gets its
// own process group (a terminal's Ctrl-C reaches revbench, which shuts it
// down in order) and PR_SET_PDEATHSIG, so it is killed if revbench dies.
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace revbench::store {

struct RunAs {
  uid_t uid;
  gid_t gid;
};

struct ChildOptions {
  std::vector<std::string> argv;
  std::optional<RunAs> run_as;   // drop root for servers that refuse it
  std::string log_path;          // stdout and stderr go here (appended)
  std::string working_dir;       // a directory the (possibly unprivileged) child can enter
  std::vector<std::string> env;  // NAME=value added to the inherited environment (secrets stay off argv)
};

class ChildProcess {
 public:
  ChildProcess() = default;
  // Starts the process; throws std::runtime_error when it cannot.
  explicit ChildProcess(const ChildOptions& options);
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;

  pid_t pid() const { return pid_; }
  bool running();
  // To the whole process group: a PostgreSQL backend is stopped with its postmaster.
  void signal(int sig) const;
  // Sends `sig` to the process, waits up to `grace`, then SIGKILLs its group; reaps it.
  void stop(int sig, std::chrono::milliseconds grace);

 private:
  pid_t pid_ = -1;
};

// Runs a command to completion (for initdb); returns its exit status.
int run_to_completion(const ChildOptions& options);

// The last lines of a log file, for error messages.
std::string tail_of(const std::string& path, std::size_t max_bytes = 2000);

}  // namespace revbench::store

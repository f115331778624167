#include "harness/store/child_process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace revbench::store {
namespace {

// Between fork and exec only async-signal-safe calls: no allocation here.
[[noreturn]] void exec_child(const ChildOptions& options, const std::vector<char*>& argv, const std::vector<char*>& envp,
                             pid_t parent) {
  // revbench blocks SIGINT/SIGTERM to handle them in order; the server must
  // not inherit that mask, or it would ignore the signal that stops it.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  setpgid(0, 0);
  if (!options.log_path.empty()) {
    const int fd = open(options.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
  }
  const int devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull >= 0) dup2(devnull, STDIN_FILENO);
  if (!options.working_dir.empty() && chdir(options.working_dir.c_str()) != 0) _exit(126);
  if (options.run_as) {
    if (setgroups(0, nullptr) != 0 || setgid(options.run_as->gid) != 0 || setuid(options.run_as->uid) != 0) _exit(126);
  }
  // Set after the uid change, which would clear it; and if the parent is
  // already gone, the signal would never come.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(1);
  execvpe(argv[0], argv.data(), envp.data());
  _exit(127);
}

pid_t spawn(const ChildOptions& options) {
  if (options.argv.empty()) throw std::invalid_argument("child process: empty command");
  std::vector<char*> argv;
  for (const auto& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  // The environment is built here: after fork, nothing may allocate.
  std::vector<char*> envp;  // ours first: getenv finds the first of two entries with one name
  for (const auto& entry : options.env) envp.push_back(const_cast<char*>(entry.c_str()));
  for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
  envp.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed: " + std::string(std::strerror(errno)));
  if (pid == 0) exec_child(options, argv, envp, parent);
  return pid;
}

}  // namespace

ChildProcess::ChildProcess(const ChildOptions& options) : pid_(spawn(options)) {}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) stop(SIGKILL, std::chrono::milliseconds(0));
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept : pid_(other.pid_) { other.pid_ = -1; }

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (pid_ > 0) stop(SIGKILL, std::chrono::milliseconds(0));
    pid_ = other.pid_;
    other.pid_ = -1;
  }
  return *this;
}

bool ChildProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void ChildProcess::signal(int sig) const {
  if (pid_ > 0) ::killpg(pid_, sig);
}

void ChildProcess::stop(int sig, std::chrono::milliseconds grace) {
  if (pid_ <= 0) return;
  ::killpg(pid_, SIGCONT);  // a stopped process cannot act on a signal to stop
  ::kill(pid_, sig);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::killpg(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::killpg(pid_, SIGKILL);  // whatever the server left in its group (backends) goes too
  pid_ = -1;
}

int run_to_completion(const ChildOptions& options) {
  const pid_t pid = spawn(options);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string tail_of(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  return text.size() > max_bytes ? text.substr(text.size() - max_bytes) : text;
}

}  // namespace revbench::store

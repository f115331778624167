#pragma once
// SIGINT and SIGTERM must end a run in order (stop the load, write results,
// stop the embedded stores), even when they arrive during start-up. They are
// blocked from the start; a command unblocks them once it can handle them.
#include <signal.h>

#include <chrono>

namespace revbench::cli {

class ShutdownSignals {
 public:
  ShutdownSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  // Lets a pending or future signal reach the handlers now installed (asio::signal_set).
  void unblock() const { pthread_sigmask(SIG_UNBLOCK, &set_, nullptr); }
  // Blocks this thread until one arrives; returns its number.
  int wait() const {
    int received = 0;
    sigwait(&set_, &received);
    return received;
  }
  // As wait(), for at most `limit`; 0 when none came.
  int wait_for(std::chrono::milliseconds limit) const {
    const timespec timeout{static_cast<time_t>(limit.count() / 1000), static_cast<long>(limit.count() % 1000) * 1000000};
    const int received = sigtimedwait(&set_, nullptr, &timeout);
    return received > 0 ? received : 0;
  }

 private:
  sigset_t set_;
};

}  // namespace revbench::cli

#pragma once
// SIGINT and SIGTERM must end a run in order (stop the load, write results,
// stop the embedded stores), even when they arrive during start-up. They are
// blocked from the start; a command unblocks them once it can handle them.
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

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

// Raises a flag when SIGINT or SIGTERM arrives (watched from a thread of its
// own), so a run can stop between requests and still write what it gathered.
class SignalStop {
 public:
  explicit SignalStop(const ShutdownSignals& signals)
      : watcher_([this, &signals] {
          while (!done_.load())
            if (signals.wait_for(std::chrono::milliseconds(100)) != 0) stop_ = true;
        }) {}
  ~SignalStop() {
    done_ = true;
    watcher_.join();
  }
  SignalStop(const SignalStop&) = delete;
  SignalStop& operator=(const SignalStop&) = delete;

  const std::atomic<bool>& flag() const { return stop_; }
  bool stopped() const { return stop_.load(); }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<bool> done_{false};
  std::thread watcher_;
};

}  // namespace revbench::cli

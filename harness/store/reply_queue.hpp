#pragma once
// Requests sent on one connection and not yet answered, oldest first.
// Redis and PostgreSQL answer in order, and every request gets the same
// timeout, so deadlines grow along the queue: one timer on the oldest
// unexpired request covers them all.
#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>

namespace revbench::store {

template <typename Pending>  // has `deadline` and `bool done`
class ReplyQueue {
 public:
  using Clock = std::chrono::steady_clock;

  void push(Pending* pending) { items_.push_back(pending); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  Pending* front() const { return items_.front(); }

  Pending* pop_front() {
    Pending* pending = items_.front();
    items_.pop_front();
    if (expired_ > 0) --expired_;
    return pending;
  }

  // Marks every overdue request done and hands it to `on_timeout`.
  template <typename OnTimeout>
  void expire_overdue(Clock::time_point now, OnTimeout on_timeout) {
    while (expired_ < items_.size() && items_[expired_]->deadline <= now) {
      Pending* pending = items_[expired_++];
      pending->done = true;
      on_timeout(*pending);
    }
  }

  std::optional<Clock::time_point> next_deadline() const {
    if (expired_ >= items_.size()) return std::nullopt;
    return items_[expired_]->deadline;
  }

 private:
  std::deque<Pending*> items_;
  std::size_t expired_ = 0;  // how many at the front have already timed out
};

}  // namespace revbench::store

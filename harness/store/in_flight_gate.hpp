#pragma once
// At most `limit` commands in flight on a client: how the store clients run
// without automatic pipelining (limit = connections), to measure what
// pipelining buys. Limit 0: no gate at all (the default). One executor only.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <deque>
#include <memory>

namespace revbench::store {

class InFlightGate {
 public:
  InFlightGate(boost::asio::any_io_executor executor, std::size_t limit) : executor_(std::move(executor)), limit_(limit) {}

  // Waits for a place; every enter() is paired with one leave().
  boost::asio::awaitable<void> enter() {
    while (limit_ != 0 && in_flight_ >= limit_) {
      auto turn = std::make_shared<boost::asio::steady_timer>(executor_, boost::asio::steady_timer::time_point::max());
      waiting_.push_back(turn);
      co_await turn->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));  // woken by cancel()
    }
    ++in_flight_;
  }
  void leave() {
    if (limit_ == 0) return;
    --in_flight_;
    if (!waiting_.empty()) {
      waiting_.front()->cancel();
      waiting_.pop_front();
    }
  }

 private:
  boost::asio::any_io_executor executor_;
  std::size_t limit_;
  std::size_t in_flight_ = 0;
  std::deque<std::shared_ptr<boost::asio::steady_timer>> waiting_;
};

}  // namespace revbench::store

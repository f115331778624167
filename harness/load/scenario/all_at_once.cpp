#include "harness/load/scenario/all_at_once.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace revbench::load {
namespace asio = boost::asio;

asio::awaitable<void> all_at_once(asio::io_context& io, std::vector<Task> tasks) {
  std::size_t running = tasks.size();
  asio::steady_timer all_ended(io);
  for (auto& task : tasks)
    asio::co_spawn(
        io,
        [&running, &all_ended, task = std::move(task)]() -> asio::awaitable<void> {
          try {
            co_await task();
          } catch (...) {  // ended all the same
          }
          if (--running == 0) all_ended.cancel();
        },
        asio::detached);
  // Cancelled by the last task to end (and a cancel with nobody waiting is
  // lost): the count decides, the timer only wakes.
  while (running > 0) {
    all_ended.expires_at(asio::steady_timer::time_point::max());
    co_await all_ended.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace revbench::load

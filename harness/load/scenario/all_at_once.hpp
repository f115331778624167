#pragma once
// Several requests of one actor in flight together (tabs racing, logins
// racing a revocation): every task started in one turn of the run's loop, and
// the caller resumed once all have ended.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <functional>
#include <vector>

namespace revbench::load {

using Task = std::function<boost::asio::awaitable<void>()>;

// A task that throws has ended all the same; what it did before stays done.
boost::asio::awaitable<void> all_at_once(boost::asio::io_context& io, std::vector<Task> tasks);

}  // namespace revbench::load

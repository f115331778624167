#pragma once
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <functional>

namespace revbench::store {

// Checks `ready` every few milliseconds until it holds (true) or `timeout` passes (false).
boost::asio::awaitable<bool> poll_until(std::function<bool()> ready, std::chrono::milliseconds timeout);

}  // namespace revbench::store

#include "harness/load/log_in.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <stdexcept>

#include "harness/load/scenario/contract_client.hpp"

namespace revbench::load {

LoadResponse send_once(const HttpTarget& target, const LoadRequest& request, std::chrono::milliseconds timeout) {
  boost::asio::io_context io;
  HttpConnection connection(io.get_executor(), target, timeout);
  LoadResponse response;
  boost::asio::co_spawn(io, [&]() -> boost::asio::awaitable<void> { response = co_await connection.send(request); },
                        boost::asio::detached);
  io.run();
  return response;
}

std::string server_strategy(const HttpTarget& target) {
  const auto name = strategy_of(send_once(target, requests::healthz()));
  return name.empty() ? std::string("unknown") : name;
}

std::string log_in(const HttpTarget& target, const std::string& user, const std::string& password) {
  const auto response = send_once(target, requests::login(user, password));
  if (response.status != 200)
    throw std::runtime_error("login as " + user + " failed: HTTP " + std::to_string(response.status) + " " +
                             response.body + response.error);
  const auto grant = grant_of(response);
  if (!grant) throw std::runtime_error("login as " + user + ": no access_token in " + response.body);
  return grant->access_token;
}

}  // namespace revbench::load

#include "harness/load/log_in.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <stdexcept>

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
  const LoadRequest healthz{"GET", "/healthz", {}, {}};
  const auto response = send_once(target, healthz);
  boost::system::error_code ec;
  const auto body = boost::json::parse(response.body, ec);
  const auto* name = !ec && body.is_object() ? body.as_object().if_contains("strategy") : nullptr;
  return name != nullptr && name->is_string() ? std::string(name->as_string()) : std::string("unknown");
}

std::string log_in(const HttpTarget& target, const std::string& user, const std::string& password) {
  const LoadRequest request{"POST", "/auth/login",
                            boost::json::serialize(boost::json::object{{"user", user}, {"password", password}}), {}};
  const auto response = send_once(target, request);
  if (response.status != 200)
    throw std::runtime_error("login as " + user + " failed: HTTP " + std::to_string(response.status) + " " +
                             response.body + response.error);
  boost::system::error_code ec;
  const auto body = boost::json::parse(response.body, ec);
  const auto* token = !ec && body.is_object() ? body.as_object().if_contains("access_token") : nullptr;
  if (token == nullptr || !token->is_string()) throw std::runtime_error("login as " + user + ": no access_token in " + response.body);
  return std::string(token->as_string());
}

}  // namespace revbench::load

#include "harness/network/link_control.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <stdexcept>
#include <thread>

#include "harness/network/link_json.hpp"
#include "harness/network/tcp_link.hpp"

namespace revbench::network {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

Response answer(const Request& request, http::status status, const boost::json::value& body) {
  Response response(status, request.version());
  response.set(http::field::content_type, "application/json");
  response.body() = boost::json::serialize(body) + "\n";
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

Response refuse(const Request& request, http::status status, std::string_view error, std::string reason) {
  return answer(request, status, boost::json::object{{"error", error}, {"reason", std::move(reason)}});
}

Response no_content(const Request& request) {
  Response response(http::status::no_content, request.version());
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

Response handle(TcpLink& link, const Request& request) {
  const std::string_view target = request.target();
  constexpr std::string_view faults_path = "/faults";
  if (target == "/link") {
    if (request.method() != http::verb::get) return refuse(request, http::status::method_not_allowed, "wrong_method", "GET /link");
    return answer(request, http::status::ok, state_json(link.state()));
  }
  if (target == faults_path && request.method() == http::verb::post) {
    boost::system::error_code error;
    const auto body = boost::json::parse(request.body(), error);
    if (error) return refuse(request, http::status::bad_request, "bad_fault", "the body is not JSON: " + error.message());
    const auto fault = fault_from_json(body);
    if (const auto* why = std::get_if<std::string>(&fault)) return refuse(request, http::status::bad_request, "bad_fault", *why);
    link.apply(std::get<LinkFault>(fault));
    return answer(request, http::status::created, state_json(link.state()));
  }
  if (target == faults_path && request.method() == http::verb::delete_) {
    link.heal();
    return no_content(request);
  }
  if (target.starts_with(faults_path) && target.size() > faults_path.size() && target[faults_path.size()] == '/') {
    if (request.method() != http::verb::delete_)
      return refuse(request, http::status::method_not_allowed, "wrong_method", "DELETE /faults/ACTION");
    const auto action = fault_action_named(target.substr(faults_path.size() + 1));
    if (!action || !link.lift(*action))
      return refuse(request, http::status::not_found, "no_such_fault", "no fault " + std::string(target.substr(faults_path.size() + 1)) + " is set");
    return no_content(request);
  }
  return refuse(request, http::status::not_found, "not_found", "GET /link, POST /faults, DELETE /faults[/ACTION]");
}

}  // namespace

struct LinkControl::Core {
  explicit Core(TcpLink& controlled) : link(controlled), acceptor(io) {}

  TcpLink& link;
  asio::io_context io;
  tcp::acceptor acceptor;
  std::thread thread;

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [error, socket] = co_await acceptor.async_accept(no_throw);
      if (!acceptor.is_open()) co_return;
      if (!error) asio::co_spawn(io, session(beast::tcp_stream(std::move(socket))), asio::detached);
    }
  }

  asio::awaitable<void> session(beast::tcp_stream stream) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(64 * 1024);
      stream.expires_after(std::chrono::seconds(30));
      auto [read_error, read] = co_await http::async_read(stream, buffer, parser, no_throw);
      if (read_error) co_return;  // the peer closed, timed out or sent what is no HTTP: nothing to answer
      const auto request = parser.release();
      auto response = handle(link, request);
      auto [write_error, written] = co_await http::async_write(stream, response, no_throw);
      if (write_error || !response.keep_alive()) co_return;
    }
  }
};

LinkControl::LinkControl(TcpLink& link, const std::string& host, std::uint16_t port) : core_(std::make_unique<Core>(link)) {
  auto& core = *core_;
  boost::system::error_code error;
  const auto address = asio::ip::make_address(host, error);
  const tcp::endpoint at(address, port);
  if (!error) core.acceptor.open(at.protocol(), error);
  if (!error) core.acceptor.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) core.acceptor.bind(at, error);
  if (!error) core.acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) throw std::runtime_error("link control: cannot listen on " + host + ":" + std::to_string(port) + ": " + error.message());
  asio::co_spawn(core.io, core.accept_loop(), asio::detached);
  core.thread = std::thread([&core] { core.io.run(); });
}

LinkControl::~LinkControl() {
  auto& core = *core_;
  asio::post(core.io, [&core] {
    boost::system::error_code ignored;
    core.acceptor.close(ignored);
  });
  core.io.stop();
  core.thread.join();
}

std::uint16_t LinkControl::port() const { return core_->acceptor.local_endpoint().port(); }

}  // namespace revbench::network

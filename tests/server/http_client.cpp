#include "http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace revbench::testing {
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

Reply send(std::uint16_t port, http::verb verb, const std::string& path, const std::string& body,
           const std::string& bearer) {
  boost::asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> request{verb, path, 11};
  request.set(http::field::host, "127.0.0.1");
  if (!bearer.empty()) request.set(http::field::authorization, "Bearer " + bearer);
  if (verb == http::verb::post) {
    request.set(http::field::content_type, "application/json");
    request.body() = body;
  }
  request.keep_alive(false);
  request.prepare_payload();
  http::write(socket, request);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  Reply reply{static_cast<int>(response.result_int()), response.body(), {}};
  for (const auto& header : response) reply.headers[std::string(header.name_string())] = std::string(header.value());
  return reply;
}

}  // namespace

boost::json::object Reply::json() const {
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  return !ec && value.is_object() ? value.as_object() : boost::json::object{};
}

std::string Reply::field(const std::string& name) const {
  const auto object = json();
  const auto* value = object.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

Reply HttpClient::get(const std::string& path, const std::string& bearer) const {
  return send(port_, http::verb::get, path, {}, bearer);
}

Reply HttpClient::post(const std::string& path, const boost::json::object& body, const std::string& bearer) const {
  return send(port_, http::verb::post, path, boost::json::serialize(body), bearer);
}

Reply HttpClient::post_raw(const std::string& path, const std::string& body, const std::string& bearer) const {
  return send(port_, http::verb::post, path, body, bearer);
}

}  // namespace revbench::testing

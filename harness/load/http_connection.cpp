#include "harness/load/http_connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>

namespace revbench::load {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

HttpTarget parse_target(const std::string& text) {
  auto url = boost::urls::parse_uri(text);
  if (!url || url->scheme() != "http" || url->host().empty() || !url->has_port())
    throw std::invalid_argument("target '" + text + "': expected http://host:port");
  return HttpTarget{std::string(url->host()), url->port_number()};
}

namespace {

// "redis=1, pg=2" -> (1, 2)
void parse_store_ops(std::string_view header, LoadResponse& out) {
  auto number_after = [&](std::string_view key) -> std::uint32_t {
    const auto at = header.find(key);
    std::uint32_t value = 0;
    if (at != std::string_view::npos)
      std::from_chars(header.data() + at + key.size(), header.data() + header.size(), value);
    return value;
  };
  out.redis_ops = number_after("redis=");
  out.pg_ops = number_after("pg=");
}

// The request's bytes, written by hand into a buffer each connection reuses:
// as wrk does, the generator pays no serializer and no allocation per request.
void format_request(const LoadRequest& request, std::string_view host, std::string_view cookies, std::string& out) {
  out.clear();
  out.append(request.method).append(" ").append(request.path).append(" HTTP/1.1\r\nHost: ").append(host);
  if (!cookies.empty()) out.append("\r\nCookie: ").append(cookies);
  if (!request.bearer.empty()) out.append("\r\nAuthorization: Bearer ").append(request.bearer);
  if (!request.body.empty()) out.append("\r\nContent-Type: application/json");
  // What Beast's prepare_payload() would send: a length unless a GET has no body.
  if (!request.body.empty() || request.method != "GET") {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, request.body.size()).ptr;
    out.append("\r\nContent-Length: ").append(digits, end);
  }
  out.append("\r\n\r\n").append(request.body);
}

// Keeps the name=value of each Set-Cookie (attributes dropped: one server,
// one path), a later value replacing an earlier one of the same name.
void keep_cookie(std::string_view set_cookie, std::string& jar) {
  const auto pair = set_cookie.substr(0, set_cookie.find(';'));
  const auto equals = pair.find('=');
  if (equals == std::string_view::npos || equals == 0) return;
  const auto name = pair.substr(0, equals + 1);  // with its '='
  std::string kept;
  for (std::size_t at = 0; at < jar.size();) {
    const auto end = std::min(jar.find("; ", at), jar.size());
    const auto cookie = std::string_view(jar).substr(at, end - at);
    if (!cookie.starts_with(name)) kept.append(kept.empty() ? "" : "; ").append(cookie);
    at = end + 2;
  }
  jar = kept.append(kept.empty() ? "" : "; ").append(pair);
}

int instance_number(std::string_view text) {
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size() && number > 0 ? number : 0;
}

}  // namespace

struct HttpConnection::Impl {
  Impl(asio::any_io_executor executor, HttpTarget t, std::chrono::milliseconds limit)
      : target(std::move(t)), timeout(limit), stream(executor) {}
  HttpTarget target;
  std::chrono::milliseconds timeout;
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  std::string request_bytes;
  std::string cookies;  // "a=1; b=2", as the Cookie header sends them
  bool connected = false;
  std::optional<tcp::endpoint> endpoint;
};

HttpConnection::HttpConnection(asio::any_io_executor executor, HttpTarget target, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(target), timeout)) {}

HttpConnection::~HttpConnection() = default;

asio::awaitable<LoadResponse> HttpConnection::send(const LoadRequest& request) {
  auto& s = *impl_;
  LoadResponse response;
  if (!s.connected) {
    if (!s.endpoint) s.endpoint = tcp::endpoint(asio::ip::make_address(s.target.host), s.target.port);
    s.stream.close();
    s.buffer.clear();
    s.stream.expires_after(s.timeout);
    auto [ec] = co_await s.stream.async_connect(*s.endpoint, tuple_awaitable);
    if (ec) {
      response.error = "connect: " + ec.message();
      co_return response;
    }
    s.stream.socket().set_option(tcp::no_delay(true));
    s.connected = true;
  }
  format_request(request, s.target.host, s.cookies, s.request_bytes);
  s.stream.expires_after(s.timeout);
  auto [write_ec, written] = co_await asio::async_write(s.stream, asio::buffer(s.request_bytes), tuple_awaitable);
  if (write_ec) {
    s.connected = false;
    response.error = "write: " + write_ec.message();
    co_return response;
  }
  http::response<http::string_body> in;
  auto [read_ec, read] = co_await http::async_read(s.stream, s.buffer, in, tuple_awaitable);
  if (read_ec) {
    s.connected = false;
    response.error = "read: " + read_ec.message();
    co_return response;
  }
  response.status = static_cast<int>(in.result_int());
  if (auto ops = in.find("Revbench-Store-Ops"); ops != in.end()) parse_store_ops(ops->value(), response);
  if (auto renewed = in.find("Revbench-Renewed-Token"); renewed != in.end()) response.renewed_token = renewed->value();
  response.failed_open = in.find("Revbench-Failed-Open") != in.end();
  if (auto served = in.find("Revbench-Instance"); served != in.end()) response.served_by = instance_number(served->value());
  for (auto [at, end] = in.equal_range(http::field::set_cookie); at != end; ++at) keep_cookie(at->value(), s.cookies);
  response.body = std::move(in.body());
  if (!in.keep_alive()) s.connected = false;
  co_return response;
}

}  // namespace revbench::load

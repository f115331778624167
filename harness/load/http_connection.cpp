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

// Reads a response straight into what the generator keeps of it: the status,
// the few headers revbench's servers announce through, the cookies and the
// body. Beast's parser does the parsing (lengths, chunks, keep-alive); no
// header container is built, sorted or searched, which was most of what a
// response cost the generator (callgrind: scripts/bench-generator).
class ResponseReader final : public http::basic_parser<false> {
 public:
  ResponseReader(LoadResponse& response, std::string& cookies) : response_(response), cookies_(cookies) {}

 private:
  void on_request_impl(http::verb, beast::string_view, beast::string_view, int, beast::error_code&) override {}
  void on_response_impl(int code, beast::string_view, int, beast::error_code&) override { response_.status = code; }
  void on_field_impl(http::field name, beast::string_view name_text, beast::string_view value,
                     beast::error_code&) override {
    if (name == http::field::set_cookie) {
      keep_cookie(value, cookies_);
      return;
    }
    // Any case: HAProxy, for one, passes header names on in lower case.
    if (name != http::field::unknown || name_text.size() < 9 || !beast::iequals(name_text.substr(0, 9), "Revbench-")) return;
    const auto is = [&](std::string_view header) { return beast::iequals(name_text, header); };
    if (is("Revbench-Store-Ops")) parse_store_ops(value, response_);
    else if (is("Revbench-Renewed-Token")) response_.renewed_token = value;
    else if (is("Revbench-Failed-Open")) response_.failed_open = true;
    else if (is("Revbench-Instance")) response_.served_by = instance_number(value);
  }
  void on_header_impl(beast::error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, beast::error_code&) override {
    if (length) response_.body.reserve(static_cast<std::size_t>(*length));
  }
  std::size_t on_body_impl(beast::string_view part, beast::error_code&) override {
    response_.body.append(part.data(), part.size());
    return part.size();
  }
  void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view part, beast::error_code&) override {
    response_.body.append(part.data(), part.size());
    return part.size();
  }
  void on_finish_impl(beast::error_code&) override {}

  LoadResponse& response_;
  std::string& cookies_;
};

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
  std::string cookies = s.cookies;  // kept only from a whole response
  ResponseReader reader(response, cookies);
  auto [read_ec, read] = co_await http::async_read(s.stream, s.buffer, reader, tuple_awaitable);
  if (read_ec) {
    s.connected = false;
    response = LoadResponse{};  // nothing of a response cut short counts
    response.error = "read: " + read_ec.message();
    co_return response;
  }
  s.cookies = std::move(cookies);
  if (!reader.keep_alive()) s.connected = false;
  co_return response;
}

}  // namespace revbench::load

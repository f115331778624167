#include "harness/server/beast_messages.hpp"

#include <string>

namespace revbench::server {
namespace http = boost::beast::http;

HttpRequest to_request(const BeastRequest& in, bool from_loopback) {
  HttpRequest out;
  out.method = in.method_string();
  const std::string_view target = in.target();
  out.path = target.substr(0, target.find('?'));
  out.authorization = in[http::field::authorization];
  out.body = in.body();
  out.from_loopback = from_loopback;
  return out;
}

BeastResponse to_beast(HttpResponse in, unsigned version, bool keep_alive) {
  BeastResponse out{static_cast<http::status>(in.status), version};
  out.set(http::field::server, "revbench");
  if (!in.body.empty()) out.set(http::field::content_type, in.content_type);
  for (auto& [name, value] : in.headers) out.set(name, value);
  out.body() = std::move(in.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

BeastResponse early_error(http::status status, contract::Reason reason) {
  HttpResponse response{static_cast<int>(status),
                        "{\"error\":\"invalid_request\",\"reason\":\"" + std::string(to_string(reason)) + "\"}",
                        "application/json",
                        {}};
  return to_beast(std::move(response), 11, false);
}

}  // namespace revbench::server

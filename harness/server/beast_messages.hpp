#pragma once
// Between Beast's messages and the endpoints' plain HttpRequest/HttpResponse:
// the only place besides the session code that knows Beast's types, so that a
// benchmark can time what the session does around each request.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string_view>

#include "harness/server/http_types.hpp"

namespace revbench::server {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Views into `in`, which must outlive the result.
HttpRequest to_request(const BeastRequest& in, bool from_loopback);
BeastResponse to_beast(HttpResponse in, unsigned version, bool keep_alive);
// For errors found before a request could be routed (limits, garbage).
BeastResponse early_error(boost::beast::http::status status, contract::Reason reason);

}  // namespace revbench::server

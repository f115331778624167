#pragma once
// The request and response the endpoints see: plain data, so that endpoint
// logic knows nothing of Beast and Beast stays in the session code.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/contract/reason.hpp"

namespace revbench::server {

// Views into the message the session read, which outlives the request's handling.
struct HttpRequest {
  std::string_view method;  // GET, POST, ...
  std::string_view path;    // target without the query
  std::string_view authorization;
  std::string_view body;
  bool from_loopback = false;  // only a peer seen on loopback earns the admin endpoints
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<contract::Reason> reason;  // why it was refused (the error body's "reason"), for the metrics
};

}  // namespace revbench::server

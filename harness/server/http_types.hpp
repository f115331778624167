#pragma once
// The request and response the endpoints see: plain data, so that endpoint
// logic knows nothing of Beast and Beast stays in the session code.
#include <string>
#include <utility>
#include <vector>

namespace revbench::server {

struct HttpRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // target without the query
  std::string authorization;
  std::string body;
  bool from_loopback = true;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string reason;  // why it was refused (the error body's "reason"), for the metrics
};

}  // namespace revbench::server

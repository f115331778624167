#pragma once
// A blocking HTTP/1.1 client for tests: one connection per request, so that
// each request is seen by the server exactly as a fresh client would send it.
#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace revbench::testing {

struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  boost::json::object json() const;  // empty object when the body is not JSON
  std::string field(const std::string& name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}
  Reply get(const std::string& path, const std::string& bearer = {}) const;
  Reply post(const std::string& path, const boost::json::object& body, const std::string& bearer = {}) const;
  Reply post_raw(const std::string& path, const std::string& body, const std::string& bearer = {}) const;

 private:
  std::uint16_t port_;
};

}  // namespace revbench::testing

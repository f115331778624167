#pragma once
// One keep-alive HTTP/1.1 connection of the load generator. It speaks HTTP
// and nothing else: what to send is the caller's business (memtier's split
// between protocol and load logic). It keeps the cookies it is given and
// sends them back, as a k6 VU's jar does: a sticky balancer's cookie keeps
// the connection's client on one instance.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace revbench::load {

struct HttpTarget {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
};
// http://host:port — throws std::invalid_argument naming what is wrong.
HttpTarget parse_target(const std::string& url);

struct LoadRequest {
  std::string method = "GET";
  std::string path = "/";
  std::string body;            // JSON when not empty
  std::string bearer;          // Authorization: Bearer ..., when not empty
};

struct LoadResponse {
  int status = 0;              // 0: no response (connection error)
  std::string body;
  std::uint32_t redis_ops = 0; // from Revbench-Store-Ops
  std::uint32_t pg_ops = 0;
  std::string renewed_token;   // Revbench-Renewed-Token: the server's fresher token for this session
  bool failed_open = false;    // Revbench-Failed-Open: accepted unchecked, its store down (--fail-open)
  int served_by = 0;           // Revbench-Instance: the instance a balancer passed it to (1-based); 0: not said
  std::string error;           // why there is no response
};

class HttpConnection {
 public:
  HttpConnection(boost::asio::any_io_executor executor, HttpTarget target,
                 std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~HttpConnection();
  // Connects on first use and again after any failure.
  boost::asio::awaitable<LoadResponse> send(const LoadRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace revbench::load

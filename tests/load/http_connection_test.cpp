// The generator's HTTP client against a server that answers what the test
// scripts, byte for byte: what it keeps of a response (status, body, the
// headers revbench's servers announce through, in any case, cookies), across
// chunked bodies, a closed connection and a response cut short.
#include "harness/load/http_connection.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <string>
#include <thread>
#include <vector>

namespace revbench::load {
namespace {

// Accepts connections one after another; on each, reads a request (to its
// blank line), records it, writes the next scripted answer; an answer of ""
// closes the connection instead.
class ScriptedServer {
 public:
  explicit ScriptedServer(std::vector<std::string> answers) : answers_(std::move(answers)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(listener_, 4);
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  const std::vector<std::string>& requests() const { return requests_; }
  int connections() const { return connections_; }

 private:
  void serve() {
    std::size_t next = 0;
    while (next < answers_.size()) {
      const int connection = ::accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      ++connections_;
      while (next < answers_.size()) {
        std::string request;
        char buffer[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
          const auto n = ::read(connection, buffer, sizeof buffer);
          if (n <= 0) break;
          request.append(buffer, static_cast<std::size_t>(n));
        }
        if (request.empty()) break;
        requests_.push_back(request);
        const auto& answer = answers_[next++];
        if (answer.empty()) break;
        (void)::write(connection, answer.data(), answer.size());
        if (answer.find("Connection: close") != std::string::npos || answer.find("cut short") != std::string::npos) break;
      }
      ::close(connection);
    }
  }

  std::vector<std::string> answers_;
  std::vector<std::string> requests_;
  int connections_ = 0;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

std::vector<LoadResponse> exchange(std::uint16_t port, int requests) {
  boost::asio::io_context io;
  HttpConnection connection(io.get_executor(), HttpTarget{"127.0.0.1", port}, std::chrono::seconds(5));
  auto done = boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<std::vector<LoadResponse>> {
        std::vector<LoadResponse> responses;
        for (int i = 0; i < requests; ++i) {
          LoadRequest request;
          request.path = "/api/resource";
          responses.push_back(co_await connection.send(request));
        }
        co_return responses;
      },
      boost::asio::use_future);
  io.run();
  return done.get();
}

TEST(HttpConnection, KeepsWhatAResponseSaysInAnyCaseAndChunks) {
  ScriptedServer server({"HTTP/1.1 200 OK\r\nrevbench-store-ops: redis=2, pg=1\r\nREVBENCH-INSTANCE: 3\r\n"
                         "Set-Cookie: a=1; Path=/\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n",
                         "HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\nRevbench-Failed-Open: 1\r\n"
                         "Revbench-Renewed-Token: t2\r\nSet-Cookie: b=2\r\nConnection: close\r\n\r\nno",
                         "HTTP/1.1 204 No Content\r\n\r\n"});
  const auto responses = exchange(server.port(), 3);
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].body, "hello");
  EXPECT_EQ(responses[0].redis_ops, 2u);
  EXPECT_EQ(responses[0].pg_ops, 1u);
  EXPECT_EQ(responses[0].served_by, 3);
  EXPECT_EQ(responses[1].status, 401);
  EXPECT_EQ(responses[1].body, "no");
  EXPECT_TRUE(responses[1].failed_open);
  EXPECT_EQ(responses[1].renewed_token, "t2");
  EXPECT_EQ(responses[2].status, 204);
  // The cookies of both came back; the close made a new connection.
  ASSERT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(server.requests()[0].find("Cookie:"), std::string::npos);
  EXPECT_NE(server.requests()[1].find("\r\nCookie: a=1\r\n"), std::string::npos) << server.requests()[1];
  EXPECT_NE(server.requests()[2].find("\r\nCookie: a=1; b=2\r\n"), std::string::npos) << server.requests()[2];
  EXPECT_EQ(server.connections(), 2);
}

TEST(HttpConnection, AResponseCutShortIsNoResponseAndLeavesNoCookie) {
  ScriptedServer server({"HTTP/1.1 200 OK\r\nSet-Cookie: c=3\r\nContent-Length: 10\r\n\r\ncut short",
                         "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"});
  const auto responses = exchange(server.port(), 2);
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[0].status, 0);
  EXPECT_NE(responses[0].error.find("read: "), std::string::npos) << responses[0].error;
  EXPECT_TRUE(responses[0].body.empty());
  EXPECT_EQ(responses[1].status, 200);
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests()[1].find("Cookie:"), std::string::npos) << server.requests()[1];
}

}  // namespace
}  // namespace revbench::load

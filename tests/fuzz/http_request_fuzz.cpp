// libFuzzer: the HTTP server on arbitrary request bytes, through the real
// session code. One server (short-ttl, whose hot path needs no store; the
// store URLs point at closed ports, so store endpoints answer 503) runs in
// this process for the whole campaign; each input is written on a fresh
// connection, which is then half-closed. The server must answer with an
// HTTP status line or close the connection, and never crash: ASan and
// UBSan watch the server threads too.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "harness/server/http_server.hpp"
#include "harness/store/free_port.hpp"
#include "strategies/registry.hpp"

namespace {

struct Target {
  std::unique_ptr<revbench::strategies::Strategy> strategy;
  std::unique_ptr<revbench::server::HttpServer> server;
};

Target& target() {
  static Target t = [] {
    revbench::strategies::StrategyOptions options;
    Target made;
    made.strategy = revbench::strategies::make_strategy("short-ttl", options);
    revbench::server::ServerConfig config;
    config.threads = 1;
    config.read_timeout = std::chrono::seconds(2);
    config.admin_token = "fuzz-admin";
    config.redis_url = "redis://127.0.0.1:" + std::to_string(revbench::store::free_loopback_port());
    config.pg_url = "postgresql://fuzz@127.0.0.1:" + std::to_string(revbench::store::free_loopback_port()) + "/fuzz";
    config.store_timeout = std::chrono::milliseconds(50);
    made.server = std::make_unique<revbench::server::HttpServer>(config, *made.strategy);
    made.server->start(std::chrono::milliseconds(0));
    return made;
  }();
  return t;
}

// A connect that fails for a passing reason (a port still held, a backlog
// full for a moment) is tried again for up to a second; one that keeps
// failing is a server that stopped listening, and aborts with its errno.
int connect_to(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int error = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
    error = errno;
    if (fd >= 0) close(fd);
    usleep(10000);
  }
  std::fprintf(stderr, "connect to the server kept failing: %s\n", std::strerror(error));
  std::abort();
}

// Everything the server sends until it closes; aborts if it neither answers
// nor closes within the read timeout and a margin (a hang is a bug too).
std::string drain(int fd) {
  std::string received;
  char buffer[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, 10000);
    if (ready < 0 && errno == EINTR) continue;  // libFuzzer's timeout alarm
    if (ready != 1) std::abort();
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return received;
    received.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = connect_to(target().server->port());
  // The server may close before reading everything: a short write is fine.
  std::size_t sent = 0;
  while (sent < size) {
    const ssize_t n = send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  const std::string reply = drain(fd);
  // The client half-closed first, so its end would wait out TIME_WAIT on an
  // ephemeral port: at 1,500 inputs a second the 28,000 ports run out within
  // 30 s and connect fails. Everything is read: close with a reset instead.
  const linger reset{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  close(fd);
  // Beast answers in the request's version: HTTP/1.0 or HTTP/1.1.
  const auto status_line = std::string_view(reply).substr(0, 9);
  if (!reply.empty() && status_line != "HTTP/1.1 " && status_line != "HTTP/1.0 ") std::abort();
  return 0;
}

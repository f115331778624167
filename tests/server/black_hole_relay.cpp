#include "black_hole_relay.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace revbench::testing {
namespace {

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

}  // namespace

BlackHoleRelay::BlackHoleRelay(std::uint16_t upstream_port) : upstream_port_(upstream_port) {
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  auto addr = loopback(0);
  socklen_t len = sizeof addr;
  if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener_, 64) != 0 || getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    throw std::runtime_error("black-hole relay: cannot listen");
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

BlackHoleRelay::~BlackHoleRelay() {
  stopping_ = true;
  shutdown(listener_, SHUT_RDWR);
  acceptor_.join();
  close(listener_);
  const std::lock_guard lock(threads_mutex_);
  for (auto& thread : threads_) thread.join();
}

void BlackHoleRelay::accept_loop() {
  while (!stopping_) {
    pollfd watched{listener_, POLLIN, 0};
    if (poll(&watched, 1, 50) <= 0) continue;
    const int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    const int upstream = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const auto addr = loopback(upstream_port_);
    if (upstream < 0 || connect(upstream, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
      close(client);
      if (upstream >= 0) close(upstream);
      continue;
    }
    const std::lock_guard lock(threads_mutex_);
    threads_.emplace_back([this, client, upstream] { relay(client, upstream); });
  }
}

// Both directions, until either side closes or the relay stops; swallowed
// bytes are read (so the sender never blocks or hears a thing) and dropped.
void BlackHoleRelay::relay(int client, int upstream) {
  char buffer[16384];
  pollfd ends[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
  while (!stopping_) {
    if (poll(ends, 2, 50) <= 0) continue;
    bool closed = false;
    for (int i = 0; i < 2 && !closed; ++i) {
      if (!(ends[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(ends[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        closed = true;
        break;
      }
      if (swallowing_) continue;
      const int to = ends[1 - i].fd;
      for (ssize_t sent = 0; sent < n;) {
        const ssize_t w = write(to, buffer + sent, static_cast<std::size_t>(n - sent));
        if (w <= 0) {
          closed = true;
          break;
        }
        sent += w;
      }
    }
    if (closed) break;
  }
  close(client);
  close(upstream);
}

}  // namespace revbench::testing

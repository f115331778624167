#include "wire.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace revbench::network::testing {

Wire::Wire(std::uint16_t port, const char* from) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (from != nullptr) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    if (fd_ < 0 || inet_pton(AF_INET, from, &source.sin_addr) != 1 ||
        bind(fd_, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0)
      throw std::runtime_error(std::string("wire: cannot bind to ") + from);
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd_ < 0 || connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("wire: cannot connect to port " + std::to_string(port));
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

Wire::~Wire() { close(fd_); }

void Wire::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("wire: send failed");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

Reading Wire::read_until(std::string_view ending, std::chrono::milliseconds within) {
  Reading reading;
  const auto deadline = std::chrono::steady_clock::now() + within;
  char buffer[65536];
  for (;;) {
    if (reading.bytes.size() >= ending.size() && std::string_view(reading.bytes).ends_with(ending)) {
      reading.heard = Heard::bytes;
      return reading;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd watched{fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&watched, 1, static_cast<int>(left.count())) == 0) {
      reading.heard = Heard::nothing;
      return reading;
    }
    const auto n = recv(fd_, buffer, sizeof buffer, 0);
    if (n == 0) {
      reading.heard = Heard::closed;
      return reading;
    }
    if (n < 0) {
      reading.heard = errno == ECONNRESET ? Heard::reset : Heard::closed;
      return reading;
    }
    reading.bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

std::string resp(std::initializer_list<std::string_view> words) {
  std::string text = "*" + std::to_string(words.size()) + "\r\n";
  for (const auto word : words) text += "$" + std::to_string(word.size()) + "\r\n" + std::string(word) + "\r\n";
  return text;
}

}  // namespace revbench::network::testing

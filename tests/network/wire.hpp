#pragma once
// A blocking TCP client for the link tests, which must tell apart what a
// client hears: bytes, nothing yet (a timeout), a close (FIN) or a reset.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace revbench::network::testing {

enum class Heard { bytes, nothing, closed, reset };

struct Reading {
  Heard heard = Heard::nothing;
  std::string bytes;  // what arrived before whatever ended the reading
};

class Wire {
 public:
  // From 127.0.0.1, or the loopback address `from` (127.0.0.2, say): throws when the connection is refused.
  explicit Wire(std::uint16_t port, const char* from = nullptr);
  ~Wire();
  Wire(const Wire&) = delete;
  Wire& operator=(const Wire&) = delete;

  void send(std::string_view bytes);
  // Reads until the bytes end with `ending`, the peer closes or resets, or `within` passes.
  Reading read_until(std::string_view ending, std::chrono::milliseconds within);

 private:
  int fd_ = -1;
};

// A Redis command in RESP, e.g. resp({"SET", "k", value}).
std::string resp(std::initializer_list<std::string_view> words);

}  // namespace revbench::network::testing

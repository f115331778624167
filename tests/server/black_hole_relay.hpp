#pragma once
// A TCP relay for tests, from a loopback port to an upstream one, that can be
// turned into a black hole: bytes are still accepted from both sides and
// never delivered, with no FIN and no RST, as a partition does to a
// half-open connection. Healing lets new bytes through again.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace revbench::testing {

class BlackHoleRelay {
 public:
  explicit BlackHoleRelay(std::uint16_t upstream_port);
  ~BlackHoleRelay();
  BlackHoleRelay(const BlackHoleRelay&) = delete;
  BlackHoleRelay& operator=(const BlackHoleRelay&) = delete;

  std::uint16_t port() const { return port_; }
  void swallow() { swallowing_ = true; }  // from now on nothing gets through, either way
  void heal() { swallowing_ = false; }

 private:
  void accept_loop();
  void relay(int client, int upstream);

  std::uint16_t upstream_port_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> swallowing_{false};
  std::atomic<bool> stopping_{false};
  std::mutex threads_mutex_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace revbench::testing

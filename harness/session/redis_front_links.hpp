#pragma once
// Under Sentinel, a link in front of each Redis of the set, through which
// everyone reaches it: the servers from 127.0.0.1, its replicas and the
// Sentinels from store::redis_peer_address. Unshaped, it is a plain proxy;
// isolating one cuts it off from its peers while the servers still reach
// it, as a partition puts a primary in a minority with its clients: it
// keeps acknowledging writes that the replica promoted without it never
// receives (Jepsen's Redis analysis). Any thread may call.
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace revbench::network {
class TcpLink;
}

namespace revbench::session {

class RedisFrontLinks {
 public:
  RedisFrontLinks();
  ~RedisFrontLinks();
  RedisFrontLinks(const RedisFrontLinks&) = delete;
  RedisFrontLinks& operator=(const RedisFrontLinks&) = delete;

  // A link to the Redis on this loopback port; returns the link's port.
  std::uint16_t open(std::uint16_t redis_port);
  // Cuts the Redis the link on `announced_port` leads to off from its peers, and lets them back.
  void isolate(std::uint16_t announced_port);
  void rejoin(std::uint16_t announced_port);

 private:
  network::TcpLink& link_on(std::uint16_t announced_port);

  std::mutex mutex_;
  std::vector<std::unique_ptr<network::TcpLink>> links_;
};

}  // namespace revbench::session

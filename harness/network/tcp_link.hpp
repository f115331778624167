#pragma once
// A user-space TCP link: it listens, and for every connection it accepts
// opens one to its upstream and carries the bytes both ways through its
// shape (latency, jitter, bandwidth) and the faults set on it. What the
// kernel's netem would do on a machine that has it, on one address pair.
//
// It runs on a thread of its own, so the program it measures never shares
// an io_context with it; every member may be called from any thread.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "harness/network/link_fault.hpp"
#include "harness/network/link_shape.hpp"

namespace revbench::network {

struct LinkOptions {
  std::string name = "link";  // which tiers it joins: "server-redis"
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 0;  // 0: a free port
  std::string upstream_host = "127.0.0.1";
  std::uint16_t upstream_port = 0;
  LinkShape shape;
};

struct LinkCounters {
  std::uint64_t accepted = 0;  // connections
  std::uint64_t open = 0;
  std::uint64_t reset = 0;  // connections a reset fault ended, new ones included
  std::uint64_t cut = 0;    // connections limit-data or drop-response closed
  std::uint64_t bytes_up = 0;  // delivered
  std::uint64_t bytes_down = 0;
  std::uint64_t bytes_held = 0;  // read and not yet delivered
};

struct LinkState {
  LinkOptions options;
  std::uint16_t port = 0;
  std::vector<LinkFault> faults;
  LinkCounters counters;
};

class TcpLink {
 public:
  // Listens at once; throws std::runtime_error naming the address when it
  // cannot, or when the upstream's host does not resolve.
  explicit TcpLink(LinkOptions options);
  ~TcpLink();
  TcpLink(const TcpLink&) = delete;
  TcpLink& operator=(const TcpLink&) = delete;

  std::uint16_t port() const;
  const LinkOptions& options() const;

  // Sets a fault, replacing one with the same action.
  void apply(const LinkFault& fault);
  // Lifts the fault with this action; false when there was none.
  bool lift(FaultAction action);
  // Lifts every fault.
  void heal();
  LinkState state() const;

 private:
  struct Core;
  std::unique_ptr<Core> core_;
};

}  // namespace revbench::network

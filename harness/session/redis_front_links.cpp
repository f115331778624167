#include "harness/session/redis_front_links.hpp"

#include <stdexcept>
#include <string>

#include "harness/network/tcp_link.hpp"
#include "harness/store/embedded_stores.hpp"

namespace revbench::session {

RedisFrontLinks::RedisFrontLinks() = default;
RedisFrontLinks::~RedisFrontLinks() = default;

std::uint16_t RedisFrontLinks::open(std::uint16_t redis_port) {
  network::LinkOptions options;
  options.name = "redis-front";
  options.upstream_port = redis_port;
  std::lock_guard lock(mutex_);
  links_.push_back(std::make_unique<network::TcpLink>(options));
  return links_.back()->port();
}

network::TcpLink& RedisFrontLinks::link_on(std::uint16_t announced_port) {
  for (const auto& link : links_)
    if (link->port() == announced_port) return *link;
  throw std::logic_error("no front link on port " + std::to_string(announced_port));
}

void RedisFrontLinks::isolate(std::uint16_t announced_port) {
  std::lock_guard lock(mutex_);
  link_on(announced_port).apply({.action = network::FaultAction::partition, .from = store::redis_peer_address});
}

void RedisFrontLinks::rejoin(std::uint16_t announced_port) {
  std::lock_guard lock(mutex_);
  link_on(announced_port).lift(network::FaultAction::partition);
}

}  // namespace revbench::session

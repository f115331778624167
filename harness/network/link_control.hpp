#pragma once
// The HTTP API a link is switched through while it runs, toxiproxy's in small:
//   GET    /link            the link: address, shape, faults, counters (JSON)
//   POST   /faults          a fault (link_json.hpp); 201 and the link
//   DELETE /faults/ACTION   lifts that fault: 204, or 404 when it was not set
//   DELETE /faults          lifts them all: 204
// Errors are 400/404/405 with {"error","reason"}. It listens on its own
// thread, apart from the link's, so a busy link never delays a fault.
#include <cstdint>
#include <memory>
#include <string>

namespace revbench::network {

class TcpLink;

class LinkControl {
 public:
  // Throws std::runtime_error naming the address when it cannot listen.
  LinkControl(TcpLink& link, const std::string& host, std::uint16_t port);
  ~LinkControl();
  LinkControl(const LinkControl&) = delete;
  LinkControl& operator=(const LinkControl&) = delete;

  std::uint16_t port() const;

 private:
  struct Core;
  std::unique_ptr<Core> core_;
};

}  // namespace revbench::network

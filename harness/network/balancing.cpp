#include "harness/network/balancing.hpp"

namespace revbench::network {

std::string_view name_of(Balancing balancing) {
  switch (balancing) {
    case Balancing::none: return "none";
    case Balancing::roundrobin: return "haproxy:roundrobin";
    case Balancing::leastconn: return "haproxy:leastconn";
    case Balancing::sticky: return "haproxy:sticky";
  }
  return "none";
}

std::optional<Balancing> balancing_named(std::string_view text) {
  if (text == "haproxy") return Balancing::roundrobin;
  for (auto b : {Balancing::none, Balancing::roundrobin, Balancing::leastconn, Balancing::sticky})
    if (text == name_of(b)) return b;
  return std::nullopt;
}

}  // namespace revbench::network

#pragma once
// How a load balancer in front of a fleet spreads requests: the words
// `--balancer` and a script's `topology: {balancer: ...}` take, once.
// `sticky` keeps a client on the instance that first answered it, by a
// cookie the balancer sets (a browser's, or a k6 VU's, cookie jar sends it
// back), as session affinity does in production.
#include <optional>
#include <string_view>

namespace revbench::network {

enum class Balancing {
  none,        // every client talks to the instances themselves, users spread over them in turn
  roundrobin,  // HAProxy, each request to the next instance
  leastconn,   // HAProxy, each request to the instance with the fewest connections
  sticky,      // HAProxy, a random instance for a client's first request, then its cookie's
};

std::string_view name_of(Balancing balancing);  // "none", "haproxy:roundrobin", ...
// "none", "haproxy" (round robin), "haproxy:roundrobin", "haproxy:leastconn", "haproxy:sticky".
std::optional<Balancing> balancing_named(std::string_view text);

}  // namespace revbench::network

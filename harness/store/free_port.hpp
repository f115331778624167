#pragma once
#include <cstdint>

namespace revbench::store {

// A TCP port on 127.0.0.1 that nothing listened on a moment ago.
std::uint16_t free_loopback_port();

}  // namespace revbench::store

#pragma once
// Reading a socket together with when the kernel received the bytes
// (SO_TIMESTAMPNS), so a link delays them from their arrival rather than
// from the moment its thread woke up to read them: a wake-up late by tens of
// microseconds at the tail would otherwise be added to the link's delay.
#include <chrono>
#include <cstddef>
#include <span>

namespace revbench::network {

// Asks the kernel to stamp what arrives on `fd`; false when it will not
// (then every read is stamped with the time it was read).
bool enable_receive_timestamps(int fd);

struct TimedRead {
  enum class Result { bytes, would_block, end_of_stream, failed };
  Result result = Result::failed;
  std::size_t size = 0;
  // When the kernel received the last of the bytes, on the steady clock; the
  // read's own time when the kernel gave none or one that cannot be right.
  std::chrono::steady_clock::time_point arrived;
};

// One non-blocking read of what is waiting on `fd`.
TimedRead read_with_arrival(int fd, std::span<char> buffer);

}  // namespace revbench::network

#pragma once
// When the bytes read on one side of a link are written on the other: the
// arithmetic of one direction of one connection, apart from any socket so
// that it can be tested on its own.
//
// Bytes leave at the link's bandwidth (a chunk waits for the one before it
// to be on the wire), then travel for a latency drawn from the direction's
// distribution. A chunk is never delivered before the one read before it:
// jitter delays bytes, it never reorders a stream, as TCP would not.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>

#include "harness/network/link_shape.hpp"

namespace revbench::network {

class DeliverySchedule {
 public:
  using Clock = std::chrono::steady_clock;

  DeliverySchedule(const DirectionShape& shape, std::uint64_t seed);

  // When `bytes` read at `arrival` reach the far side; `added` is a one-way
  // delay a fault adds on top of the shape's.
  Clock::time_point deliver_at(Clock::time_point arrival, std::size_t bytes,
                               std::chrono::nanoseconds added = std::chrono::nanoseconds(0));

  // One latency drawn from the distribution (what deliver_at adds after the wire).
  std::chrono::nanoseconds sample_latency();

 private:
  DirectionShape shape_;
  std::mt19937_64 random_;
  Clock::time_point wire_free_{};
  Clock::time_point last_delivery_{};
};

}  // namespace revbench::network

#pragma once
// What a link does to the bytes that cross it, one direction at a time:
// a one-way latency, jitter around it, and a bandwidth. Up is from the
// client toward the upstream, down is back.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace revbench::network {

// How jitter spreads the latency. normal: the jitter is the standard
// deviation (a sample below zero delay is zero); pareto: a heavy-tailed extra
// delay whose mean is the jitter, as a queue behind other traffic adds.
enum class Jitter { normal, pareto };
std::string_view jitter_name(Jitter jitter);

struct DirectionShape {
  std::chrono::nanoseconds latency{0};  // one way
  std::chrono::nanoseconds jitter{0};
  Jitter distribution = Jitter::normal;
  std::uint64_t bandwidth = 0;  // bytes per second; 0: unlimited

  bool is_zero() const { return latency.count() == 0 && jitter.count() == 0 && bandwidth == 0; }
  bool operator==(const DirectionShape&) const = default;
};

struct LinkShape {
  DirectionShape up;
  DirectionShape down;
  std::uint64_t seed = 1;  // jitter samples repeat from run to run

  bool is_zero() const { return up.is_zero() && down.is_zero(); }
  std::chrono::nanoseconds round_trip_time() const { return up.latency + down.latency; }
  bool operator==(const LinkShape&) const = default;
  // A round trip split evenly over both directions, and its jitter so that
  // the round trip's spread is the one given (normal: each direction gets
  // half the variance; pareto: half the mean extra delay).
  static LinkShape round_trip(std::chrono::nanoseconds rtt, std::chrono::nanoseconds jitter = {},
                              Jitter distribution = Jitter::normal, std::uint64_t bandwidth = 0);
};

// `0` (no unit needed), `1ms`, `1ms±200us` (or `1ms+-200us`), then optional words after commas:
// `pareto` or `normal`, a bandwidth `10MB/s`; the first figure is the round
// trip. Examples: `250us`, `40ms±5ms,pareto`, `1ms,100Mbit/s`. The error says
// which part is wrong.
struct LinkShapeParse {
  LinkShape shape;
  std::string error;  // empty when parsed
};
LinkShapeParse parse_link_shape(std::string_view text);

// `10MB/s`, `512KiB/s`, `100Mbit/s`: bytes per second, or 0 when the text is
// not a rate (B, KB, MB, GB, KiB, MiB, GiB, Kbit, Mbit, Gbit, each per s).
std::uint64_t parse_bandwidth(std::string_view text);

// The shape the way the grammar above writes it, both directions given.
std::string describe(const LinkShape& shape);

}  // namespace revbench::network

#include "harness/network/link_shape.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <utility>

#include "harness/contract/duration.hpp"

namespace revbench::network {
namespace {

constexpr std::pair<std::string_view, double> rate_units[] = {
    {"B/s", 1},           {"KB/s", 1e3},        {"MB/s", 1e6},         {"GB/s", 1e9},
    {"KiB/s", 1024.0},    {"MiB/s", 1048576.0}, {"GiB/s", 1073741824.0}, {"Kbit/s", 1e3 / 8},
    {"Mbit/s", 1e6 / 8},  {"Gbit/s", 1e9 / 8}};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::string written(const DirectionShape& d) {
  std::string text = contract::write_duration(d.latency);
  if (d.jitter.count() != 0) text += "±" + contract::write_duration(d.jitter) + "," + std::string(jitter_name(d.distribution));
  if (d.bandwidth != 0) text += "," + std::to_string(d.bandwidth) + "B/s";
  return text;
}

}  // namespace

std::string_view jitter_name(Jitter jitter) { return jitter == Jitter::pareto ? "pareto" : "normal"; }

LinkShape LinkShape::round_trip(std::chrono::nanoseconds rtt, std::chrono::nanoseconds jitter, Jitter distribution,
                                std::uint64_t bandwidth) {
  DirectionShape one;
  one.latency = rtt / 2;
  one.jitter = distribution == Jitter::normal
                   ? std::chrono::nanoseconds(std::llround(static_cast<double>(jitter.count()) / std::sqrt(2.0)))
                   : jitter / 2;
  one.distribution = distribution;
  one.bandwidth = bandwidth;
  LinkShape shape;
  shape.up = one;
  shape.down = one;
  shape.down.latency = rtt - one.latency;  // an odd nanosecond is not lost
  return shape;
}

std::uint64_t parse_bandwidth(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) ++end;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, value);
  if (end == 0 || ec != std::errc() || ptr != text.data() + end || !(value > 0) || !std::isfinite(value)) return 0;
  for (const auto& [unit, bytes] : rate_units)
    if (text.substr(end) == unit) {
      const double rate = value * bytes;
      return rate < 1 || rate > 1e15 ? 0 : static_cast<std::uint64_t>(std::llround(rate));
    }
  return 0;
}

LinkShapeParse parse_link_shape(std::string_view text) {
  LinkShapeParse parsed;
  auto fail = [&](std::string why) {
    parsed.error = std::move(why);
    return parsed;
  };
  const auto first_comma = text.find(',');
  std::string_view delay = trimmed(text.substr(0, first_comma));
  std::string_view jitter_text;
  for (const std::string_view plus_minus : {std::string_view("±"), std::string_view("+-")})
    if (const auto at = delay.find(plus_minus); at != std::string_view::npos) {
      jitter_text = delay.substr(at + plus_minus.size());
      delay = delay.substr(0, at);
      break;
    }
  // A bare 0 needs no unit: no distance is none in any unit.
  const auto rtt = delay == "0" ? std::optional<std::chrono::nanoseconds>(0) : contract::parse_duration(delay);
  if (!rtt) return fail("'" + std::string(delay) + "' is not a round trip (" + std::string(contract::duration_examples) + ")");
  std::chrono::nanoseconds jitter{0};
  if (!jitter_text.empty() || delay.size() != trimmed(text.substr(0, first_comma)).size()) {
    const auto parsed_jitter = contract::parse_duration(jitter_text);
    if (!parsed_jitter) return fail("'" + std::string(jitter_text) + "' is not a jitter (" + std::string(contract::duration_examples) + ")");
    jitter = *parsed_jitter;
  }
  Jitter distribution = Jitter::normal;
  std::uint64_t bandwidth = 0;
  bool named_distribution = false;
  for (auto rest = text.substr(first_comma == std::string_view::npos ? text.size() : first_comma + 1);
       first_comma != std::string_view::npos;) {
    const auto comma = rest.find(',');
    const auto word = trimmed(rest.substr(0, comma));
    if (word == "normal" || word == "pareto") {
      if (named_distribution) return fail("the jitter's distribution is given twice");
      distribution = word == "pareto" ? Jitter::pareto : Jitter::normal;
      named_distribution = true;
    } else if (const auto rate = parse_bandwidth(word); rate != 0) {
      if (bandwidth != 0) return fail("the bandwidth is given twice");
      bandwidth = rate;
    } else {
      return fail("'" + std::string(word) + "' is neither normal, pareto nor a bandwidth such as 10MB/s or 100Mbit/s");
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (named_distribution && jitter.count() == 0) return fail("a distribution without a jitter (write 1ms±200us,pareto)");
  parsed.shape = LinkShape::round_trip(*rtt, jitter, distribution, bandwidth);
  return parsed;
}

std::string describe(const LinkShape& shape) {
  if (shape.is_zero()) return "none";
  return "up " + written(shape.up) + ", down " + written(shape.down);
}

}  // namespace revbench::network

#include "harness/network/tcp_link.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

#include "tests/store/store_environment.hpp"
#include "wire.hpp"

// Real Redis through real links: what a client of the link hears.
namespace revbench::network {
namespace {

using namespace std::chrono_literals;
using testing::Heard;
using testing::resp;
using testing::Wire;
using Clock = std::chrono::steady_clock;

constexpr std::string_view pong = "+PONG\r\n";

std::uint16_t redis_port() { return store::testing::shared_redis().port(); }

LinkOptions to_redis(LinkShape shape = {}) {
  LinkOptions options;
  options.name = "test-redis";
  options.upstream_port = redis_port();
  options.shape = shape;
  return options;
}

// Round trips of PING on one connection, in nanoseconds.
std::vector<double> ping_times(std::uint16_t port, int n) {
  Wire wire(port);
  std::vector<double> times;
  for (int i = 0; i < n; ++i) {
    const auto start = Clock::now();
    wire.send("PING\r\n");
    const auto reading = wire.read_until(pong, 2s);
    EXPECT_EQ(reading.heard, Heard::bytes);
    times.push_back(static_cast<double>((Clock::now() - start).count()));
  }
  return times;
}

double mean(const std::vector<double>& xs) { return std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size()); }
double quantile(std::vector<double> xs, double q) {
  std::sort(xs.begin(), xs.end());
  return xs[static_cast<std::size_t>(q * static_cast<double>(xs.size() - 1))];
}
double median(const std::vector<double>& xs) { return quantile(xs, 0.5); }
// The spread of a normal sample from its quartiles: a thread's late wake-up
// on a busy machine (a heavy tail of its own) moves it far less than it
// moves the standard deviation.
double robust_sd(const std::vector<double>& xs) { return (quantile(xs, 0.75) - quantile(xs, 0.25)) / 1.349; }

std::string random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::string bytes(n, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(random());
  return bytes;
}

std::string bulk(const std::string& value) { return "$" + std::to_string(value.size()) + "\r\n" + value + "\r\n"; }

TEST(TcpLink, AZeroLinkCarriesRedisUntouched) {
  TcpLink link(to_redis());
  Wire wire(link.port());
  const auto value = random_bytes(1 << 20, 1);
  wire.send(resp({"SET", "link:untouched", value}));
  EXPECT_EQ(wire.read_until("+OK\r\n", 5s).heard, Heard::bytes);
  wire.send(resp({"GET", "link:untouched"}));
  const auto reading = wire.read_until(bulk(value), 5s);
  EXPECT_EQ(reading.heard, Heard::bytes);
  EXPECT_TRUE(reading.bytes == bulk(value));
  const auto state = link.state();
  EXPECT_EQ(state.counters.accepted, 1u);
  EXPECT_EQ(state.counters.open, 1u);
  EXPECT_GT(state.counters.bytes_up, value.size());
  EXPECT_GT(state.counters.bytes_down, value.size());
  EXPECT_EQ(state.counters.bytes_held, 0u);
}

TEST(TcpLink, LatencyAndJitterHaveTheConfiguredStatistics) {
  const auto direct = ping_times(redis_port(), 200);
  TcpLink fixed(to_redis(LinkShape::round_trip(4ms)));
  const auto through_fixed = ping_times(fixed.port(), 200);
  // The round trip adds what was configured, give or take a timer's wake-up.
  const double added = median(through_fixed) - median(direct);
  EXPECT_GT(added, 3.95e6);
  EXPECT_LT(added, 4.6e6);
  // Early by at most the timer lateness the link compensates (tens of us).
  EXPECT_GE(*std::min_element(through_fixed.begin(), through_fixed.end()), 3.8e6);

  TcpLink jittered(to_redis(LinkShape::round_trip(6ms, 1ms)));
  const auto through_jittered = ping_times(jittered.port(), 400);
  EXPECT_NEAR(median(through_jittered) - median(direct), 6.1e6, 0.5e6);
  EXPECT_GT(robust_sd(through_jittered), 0.75e6);
  EXPECT_LT(robust_sd(through_jittered), 1.3e6);

  TcpLink heavy_tailed(to_redis(LinkShape::round_trip(2ms, 2ms, Jitter::pareto)));
  const auto through_pareto = ping_times(heavy_tailed.port(), 400);
  EXPECT_GE(*std::min_element(through_pareto.begin(), through_pareto.end()), 1.8e6);
  EXPECT_NEAR(mean(through_pareto) - mean(direct), 4.1e6, 0.8e6);  // 2 ms plus a mean extra of 2 ms
  EXPECT_LT(median(through_pareto), mean(through_pareto));         // skewed to the right
}

TEST(TcpLink, JitterNeverReordersAStream) {
  TcpLink link(to_redis(LinkShape::round_trip(2ms, 4ms, Jitter::pareto)));
  Wire wire(link.port());
  const auto value = random_bytes(256 * 1024, 2);
  const auto command = resp({"SET", "link:ordered", value});
  // Many small writes, so that the link delays many chunks each by its own draw.
  for (std::size_t at = 0; at < command.size(); at += 512) {
    wire.send(std::string_view(command).substr(at, 512));
    if (at % 8192 == 0) std::this_thread::sleep_for(200us);
  }
  ASSERT_EQ(wire.read_until("+OK\r\n", 10s).heard, Heard::bytes);
  wire.send(resp({"GET", "link:ordered"}));
  const auto reading = wire.read_until(bulk(value), 10s);
  ASSERT_EQ(reading.heard, Heard::bytes);
  EXPECT_TRUE(reading.bytes == bulk(value)) << "the value came back changed";
  Wire direct(redis_port());
  direct.send(resp({"GET", "link:ordered"}));
  EXPECT_EQ(direct.read_until(bulk(value), 5s).heard, Heard::bytes) << "Redis stored bytes out of order";
}

TEST(TcpLink, BandwidthLimitsTheRate) {
  const auto value = random_bytes(1 << 20, 3);
  {
    Wire direct(redis_port());
    direct.send(resp({"SET", "link:wide", value}));
    ASSERT_EQ(direct.read_until("+OK\r\n", 5s).heard, Heard::bytes);
  }
  TcpLink link(to_redis(LinkShape::round_trip(0ms, 0ms, Jitter::normal, 4'000'000)));
  Wire wire(link.port());
  const auto start = Clock::now();
  wire.send(resp({"GET", "link:wide"}));
  ASSERT_EQ(wire.read_until(bulk(value), 10s).heard, Heard::bytes);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_GT(seconds, 0.26);  // 1 MiB at 4 MB/s
  EXPECT_LT(seconds, 0.40);
}

TEST(TcpLink, APartitionIsATimeoutNotAnError) {
  TcpLink link(to_redis());
  Wire before(link.port());
  before.send("PING\r\n");
  ASSERT_EQ(before.read_until(pong, 2s).heard, Heard::bytes);

  link.apply({.action = FaultAction::partition});
  before.send("PING\r\n");
  EXPECT_EQ(before.read_until(pong, 300ms).heard, Heard::nothing);  // no answer, no FIN, no RST
  Wire during(link.port());  // the connection is taken, and nothing comes of it
  during.send("PING\r\n");
  EXPECT_EQ(during.read_until(pong, 300ms).heard, Heard::nothing);
  EXPECT_GT(link.state().counters.bytes_held, 0u);

  link.heal();  // what was sent in the partition arrives, as TCP's retransmissions would
  EXPECT_EQ(before.read_until(pong, 1s).heard, Heard::bytes);
  EXPECT_EQ(during.read_until(pong, 1s).heard, Heard::bytes);
  EXPECT_EQ(link.state().counters.bytes_held, 0u);
}

// A minority cut off from some peers and not others: the connections from
// 127.0.0.2 wait, those from 127.0.0.1 go on, made before the fault or during it.
TEST(TcpLink, APartitionFromOneAddressCutsOnlyItsConnections) {
  TcpLink link(to_redis());
  Wire cut_before(link.port(), "127.0.0.2");
  Wire kept_before(link.port());
  for (auto* wire : {&cut_before, &kept_before}) {
    wire->send("PING\r\n");
    ASSERT_EQ(wire->read_until(pong, 2s).heard, Heard::bytes);
  }

  link.apply({.action = FaultAction::partition, .from = "127.0.0.2"});
  Wire cut_during(link.port(), "127.0.0.2");
  Wire kept_during(link.port(), "127.0.0.1");
  for (auto* wire : {&cut_before, &kept_before, &cut_during, &kept_during}) wire->send("PING\r\n");
  EXPECT_EQ(kept_before.read_until(pong, 1s).heard, Heard::bytes);
  EXPECT_EQ(kept_during.read_until(pong, 1s).heard, Heard::bytes);
  EXPECT_EQ(cut_before.read_until(pong, 300ms).heard, Heard::nothing);
  EXPECT_EQ(cut_during.read_until(pong, 300ms).heard, Heard::nothing);
  EXPECT_EQ(describe(link.state().faults.at(0)), "partition from 127.0.0.2");

  link.heal();
  EXPECT_EQ(cut_before.read_until(pong, 1s).heard, Heard::bytes);
  EXPECT_EQ(cut_during.read_until(pong, 1s).heard, Heard::bytes);
}

TEST(TcpLink, AResetIsAnErrorOnEveryConnectionUntilLifted) {
  TcpLink link(to_redis());
  Wire before(link.port());
  before.send("PING\r\n");
  ASSERT_EQ(before.read_until(pong, 2s).heard, Heard::bytes);

  link.apply({.action = FaultAction::reset});
  EXPECT_EQ(before.read_until(pong, 1s).heard, Heard::reset);
  Wire during(link.port());
  EXPECT_EQ(during.read_until(pong, 1s).heard, Heard::reset);
  EXPECT_EQ(link.state().counters.reset, 2u);

  EXPECT_TRUE(link.lift(FaultAction::reset));
  EXPECT_FALSE(link.lift(FaultAction::reset));
  Wire after(link.port());
  after.send("PING\r\n");
  EXPECT_EQ(after.read_until(pong, 2s).heard, Heard::bytes);
}

TEST(TcpLink, ADroppedResponseIsACutConnectionAfterTheRequestArrived) {
  TcpLink link(to_redis());
  Wire direct(redis_port());
  direct.send(resp({"DEL", "link:counter"}));
  ASSERT_EQ(direct.read_until("\r\n", 2s).heard, Heard::bytes);

  link.apply({.action = FaultAction::drop_response});
  Wire cut(link.port());
  cut.send(resp({"INCR", "link:counter"}));
  const auto reading = cut.read_until(":1\r\n", 2s);
  EXPECT_EQ(reading.heard, Heard::closed);
  EXPECT_EQ(reading.bytes, "");
  direct.send(resp({"GET", "link:counter"}));
  EXPECT_EQ(direct.read_until("$1\r\n1\r\n", 2s).heard, Heard::bytes) << "the request did not arrive";

  link.heal();
  link.apply({.action = FaultAction::limit_data, .direction = Direction::down, .bytes = 3});
  Wire limited(link.port());
  limited.send("PING\r\n");
  const auto partial = limited.read_until(pong, 2s);
  EXPECT_EQ(partial.heard, Heard::closed);
  EXPECT_EQ(partial.bytes, "+PO");
  EXPECT_EQ(link.state().counters.cut, 2u);

  link.heal();
  Wire whole(link.port());
  whole.send("PING\r\n");
  EXPECT_EQ(whole.read_until(pong, 2s).heard, Heard::bytes);
}

TEST(TcpLink, SlowAddsItsRoundTripUntilLifted) {
  TcpLink link(to_redis());
  link.apply({.action = FaultAction::slow, .added_rtt = 30ms});
  EXPECT_GE(median(ping_times(link.port(), 10)), 30e6);
  link.lift(FaultAction::slow);
  EXPECT_LT(median(ping_times(link.port(), 10)), 10e6);
}

TEST(TcpLink, AnUpstreamThatRefusesIsAResetForTheClient) {
  LinkOptions options;
  options.upstream_port = 1;  // nothing listens there
  TcpLink link(options);
  Wire wire(link.port());
  EXPECT_EQ(wire.read_until(pong, 2s).heard, Heard::reset);
  EXPECT_THROW(TcpLink({.listen_host = "not-an-address", .upstream_port = 1}), std::runtime_error);
}

}  // namespace
}  // namespace revbench::network

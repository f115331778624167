// The one revocation probe (`revbench lag` and the scenario `probe` step)
// against real servers: a revoked token is seen refused at once, a token that
// lives to its expiry is seen working until then, and the probe ends by
// itself when no revoke comes or the token outlives the give-up.
#include "harness/load/scenario/revocation_probe.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>

#include "../../server/test_server.hpp"
#include "harness/load/scenario/contract_client.hpp"

namespace revbench::load {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Probed {
  ProbeResult result;
  std::vector<int> sent_to;  // probes per instance
};

// Probes `token` on every server until each refuses it after `revoked_at` says so.
Probed probe(const std::vector<std::uint16_t>& ports, const std::string& token,
             std::function<std::optional<Clock::time_point>()> revoked_at, ProbeSettings settings) {
  boost::asio::io_context io;
  std::vector<std::unique_ptr<HttpConnection>> connections;
  for (const auto port : ports)
    connections.push_back(std::make_unique<HttpConnection>(io.get_executor(), HttpTarget{"127.0.0.1", port}));
  Probed probed;
  probed.sent_to.assign(ports.size(), 0);
  ProbeHooks hooks;
  hooks.request = [&token] { return requests::resource(token); };
  hooks.send = [&](std::size_t instance, const LoadRequest& request) {
    ++probed.sent_to[instance];
    return connections[instance]->send(request);
  };
  hooks.revoked_at = std::move(revoked_at);
  settings.instances = ports.size();
  boost::asio::co_spawn(
      io, [&]() -> boost::asio::awaitable<void> { probed.result = co_await probe_until_refused(hooks, settings); },
      boost::asio::detached);
  io.run();
  return probed;
}

std::string logged_in(testing::TestServer& server) {
  return server.login(testing::TestServer::fresh_user()).field("access_token");
}

TEST(RevocationProbe, ARevokedTokenIsSeenRefusedAtOnce) {
  testing::TestServer server("redis-denylist");
  const auto token = logged_in(server);
  ASSERT_EQ(server.client().post("/auth/logout", {}, token).status, 204);
  const auto revoked = Clock::now();
  ProbeSettings settings;
  settings.every = 1ms;
  const auto probed = probe({server.port()}, token, [revoked] { return std::optional(revoked); }, settings);
  EXPECT_EQ(probed.result.end, ProbeResult::End::refused_everywhere);
  EXPECT_LT(probed.result.lag, 100ms);
  EXPECT_EQ(probed.result.first_reason, "revoked");
  EXPECT_EQ(probed.result.accepted_after_revoke, 0U);
}

TEST(RevocationProbe, ATokenThatLivesToItsExpiryIsSeenWorkingUntilThen) {
  strategies::StrategyOptions options;
  options.access_ttl = 2s;
  testing::TestServer server("short-ttl", options);
  const auto token = logged_in(server);
  ASSERT_EQ(server.client().post("/auth/logout", {}, token).status, 204);
  const auto revoked = Clock::now();
  ProbeSettings settings;
  settings.every = 5ms;
  settings.give_up = 5s;
  const auto probed = probe({server.port()}, token, [revoked] { return std::optional(revoked); }, settings);
  EXPECT_EQ(probed.result.end, ProbeResult::End::refused_everywhere);
  EXPECT_GE(probed.result.lag, 900ms);  // the token had 1 to 2 s left
  EXPECT_LE(probed.result.lag, 2500ms);
  EXPECT_EQ(probed.result.first_reason, "expired");
  EXPECT_GT(probed.result.accepted_after_revoke, 10U);
}

TEST(RevocationProbe, ATokenStillAcceptedAtGiveUpEndsTheProbe) {
  testing::TestServer server("short-ttl");  // its default TTL outlives the test
  const auto token = logged_in(server);
  const auto revoked = Clock::now();
  ProbeSettings settings;
  settings.every = 5ms;
  settings.give_up = 300ms;
  const auto started = Clock::now();
  const auto probed = probe({server.port()}, token, [revoked] { return std::optional(revoked); }, settings);
  EXPECT_EQ(probed.result.end, ProbeResult::End::still_accepted);
  EXPECT_GT(probed.result.accepted_after_revoke, 0U);
  EXPECT_LT(Clock::now() - started, 2s);
}

TEST(RevocationProbe, WithoutARevokeTheProbeEndsAtItsDeadline) {
  testing::TestServer server("redis-denylist");
  const auto token = logged_in(server);
  ProbeSettings settings;
  settings.every = 5ms;
  settings.no_revoke_deadline = Clock::now() + 300ms;
  const auto probed = probe({server.port()}, token, [] { return std::optional<Clock::time_point>(); }, settings);
  EXPECT_EQ(probed.result.end, ProbeResult::End::never_revoked);
  EXPECT_EQ(probed.result.accepted_after_revoke, 0U) << "nothing was revoked: nothing is accepted after it";
  EXPECT_GT(probed.sent_to[0], 10);
}

TEST(RevocationProbe, ARefusalBeforeTheRevokeIsKnownCountsAsLagZero) {
  // The thief's refusal can arrive before the victim's revoking response:
  // the instance had revoked already.
  testing::TestServer server("redis-denylist");
  const auto token = logged_in(server);
  ASSERT_EQ(server.client().post("/auth/logout", {}, token).status, 204);
  int asked = 0;
  std::optional<Clock::time_point> revoked;
  ProbeSettings settings;
  settings.every = 2ms;
  const auto probed = probe({server.port()}, token,
                            [&]() {
                              if (++asked == 4) revoked = Clock::now();  // the revoking response, late
                              return revoked;
                            },
                            settings);
  EXPECT_EQ(probed.result.end, ProbeResult::End::refused_everywhere);
  EXPECT_EQ(probed.result.refused_before_revoke, 1U);
  EXPECT_EQ(probed.result.lag, 0ns);
  EXPECT_EQ(probed.sent_to[0], 1) << "a refused instance is not probed again";
}

TEST(RevocationProbe, EveryInstanceIsProbedUntilEachRefuses) {
  // Two instances on the same Redis, signing with keys from one seed (as a
  // fleet does): the deny-list entry reaches both.
  strategies::StrategyOptions shared;
  shared.signing_seed = "revocation-probe-test-seed";
  testing::TestServer a("redis-denylist", shared);
  testing::TestServer b("redis-denylist", shared);
  const auto token = logged_in(a);
  ASSERT_EQ(b.resource(token), "200") << "the instances do not share keys";
  ASSERT_EQ(a.client().post("/auth/logout", {}, token).status, 204);
  const auto revoked = Clock::now();
  ProbeSettings settings;
  settings.every = 1ms;
  const auto probed = probe({a.port(), b.port()}, token, [revoked] { return std::optional(revoked); }, settings);
  EXPECT_EQ(probed.result.end, ProbeResult::End::refused_everywhere);
  EXPECT_EQ(probed.sent_to[0], 1);
  EXPECT_EQ(probed.sent_to[1], 1);
  EXPECT_EQ(probed.result.accepted_after_revoke, 0U);
}

}  // namespace
}  // namespace revbench::load

// Logins in flight while a ban or a password change lands (issue 22, defect
// 1): once the revoking request has answered, no session minted by a login
// whose credential check it invalidated may still work, on every strategy,
// as its promise for the event says. The logins queue on the hashing pool,
// so most of them read the account before the revocation commits and mint
// their tokens after it.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "harness/contract/seeded_users.hpp"
#include "test_server.hpp"

namespace revbench::testing {
namespace {
using strategies::Event;
using strategies::Promise;
using namespace std::chrono_literals;

constexpr int racing_logins = 24;
constexpr int rounds = 3;

class LoginRace : public ::testing::TestWithParam<std::string> {
 protected:
  LoginRace() : server(GetParam(), options()) {}

  static strategies::StrategyOptions options() {
    strategies::StrategyOptions o;
    o.access_ttl = 60s;  // longer than the test: expiry must not do the revocation's work
    return o;
  }

  strategies::PromiseFor promise(Event event) {
    for (const auto& p : server.strategy().promises())
      if (p.event == event) return p;
    ADD_FAILURE() << "no promise for " << strategies::to_string(event);
    return {event, Promise::not_applicable, {}, {}};
  }

  struct Minted {
    std::string access;
    std::string refresh;
  };

  // `racing_logins` logins of `user` with `password` at once; `revoke` is sent
  // while they are in flight. The sessions the logins got; `overlapped`
  // counts the logins that raced the revocation: minted, or refused because
  // the account changed while they were checked (a login that came after it
  // is refused as banned or with bad credentials instead).
  template <typename Revoke>
  std::vector<Minted> race(const std::string& user, const std::string& password, Revoke revoke) {
    std::vector<Minted> minted;
    std::mutex guard;
    std::vector<std::thread> logins;
    for (int i = 0; i < racing_logins; ++i)
      logins.emplace_back([&] {
        const Reply reply = server.client().post("/auth/login", {{"user", user}, {"password", password}});
        const std::lock_guard lock(guard);
        if (reply.status == 200) minted.push_back({reply.field("access_token"), reply.field("refresh_token")});
        if (reply.status == 200 || reply.field("reason") == "revoked") ++overlapped;
      });
    std::this_thread::sleep_for(2ms);
    revoke();
    for (auto& login : logins) login.join();
    return minted;
  }

  // Every session the race minted is dead as the promise says: its access
  // token at once (or within the bound), and its refresh token at once.
  void expect_all_ended(Event event, const std::vector<Minted>& minted) {
    const auto stated = promise(event);
    int refresh_alive = 0;
    std::vector<std::string> access;
    for (const auto& session : minted) {
      if (!session.refresh.empty() &&
          server.client().post("/auth/refresh", {{"refresh_token", session.refresh}}).status == 200)
        ++refresh_alive;
      if (stated.promise == Promise::immediate || stated.promise == Promise::within_bound)
        access.push_back(session.access);
    }
    // Within the bound: every access token is polled until refused or the bound has passed.
    const auto give_up = std::chrono::steady_clock::now() +
                         (stated.promise == Promise::within_bound ? stated.bound + 200ms : 0ms);
    for (;;) {
      std::erase_if(access, [&](const std::string& token) { return server.resource(token) != "200"; });
      if (access.empty() || std::chrono::steady_clock::now() >= give_up) break;
      std::this_thread::sleep_for(10ms);
    }
    const auto access_alive = access.size();
    EXPECT_EQ(access_alive, 0u) << strategies::to_string(event) << ": of " << minted.size()
                               << " sessions minted by racing logins, access tokens still accepted";
    EXPECT_EQ(refresh_alive, 0) << strategies::to_string(event) << ": of " << minted.size()
                                << " sessions minted by racing logins, refresh tokens still refreshing";
  }

  // The race happened: otherwise the test measured nothing.
  void TearDown() override {
    EXPECT_GT(overlapped, 0) << "no login overlapped a revocation in " << rounds << " rounds";
  }

  TestServer server;
  int overlapped = 0;
};

TEST_P(LoginRace, NoLoginRacingABanKeepsItsSession) {
  for (int round = 0; round < rounds; ++round) {
    const std::string user = TestServer::fresh_user();
    const auto minted = race(user, contract::seeded_password(user), [&] {
      ASSERT_EQ(server.client().post("/admin/ban", {{"user", user}}, admin_token).status, 204);
    });
    expect_all_ended(Event::ban, minted);
  }
}

TEST_P(LoginRace, NoLoginWithTheOldPasswordKeepsItsSessionAfterAChange) {
  for (int round = 0; round < rounds; ++round) {
    const std::string user = TestServer::fresh_user();
    const std::string old_password = contract::seeded_password(user);
    const std::string caller = server.login(user).field("access_token");
    const auto minted = race(user, old_password, [&] {
      const Reply changed =
          server.client().post("/auth/password", {{"old", old_password}, {"new", "a-new-password"}}, caller);
      ASSERT_EQ(changed.status, 204) << changed.body;
    });
    expect_all_ended(Event::password_change, minted);
  }
}

INSTANTIATE_TEST_SUITE_P(AllStrategies, LoginRace, ::testing::ValuesIn(all_strategy_names()), strategy_test_name);

}  // namespace
}  // namespace revbench::testing

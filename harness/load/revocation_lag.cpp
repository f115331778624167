#include "harness/load/revocation_lag.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace revbench::load {
namespace asio = boost::asio;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::pair<RevokingEvent, const char*> event_names[] = {
    {RevokingEvent::logout, "logout"},       {RevokingEvent::logout_all, "logout-all"},
    {RevokingEvent::password_change, "password-change"}, {RevokingEvent::ban, "ban"},
    {RevokingEvent::rotate_secret, "rotate-secret"}};

std::string field(const LoadResponse& response, const char* name) {
  boost::system::error_code ec;
  auto value = json::parse(response.body, ec);
  if (ec || !value.is_object()) return {};
  const auto* member = value.as_object().if_contains(name);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : std::string();
}

std::string user_name(int index) {
  char name[32];
  std::snprintf(name, sizeof name, "user-%06d", index);
  return name;
}

struct InstanceProbe {
  Clock::time_point first_rejection{};
  bool rejected = false;
  std::uint64_t accepted = 0;
  std::string reason;
};

asio::awaitable<void> probe(HttpConnection& connection, std::string token, Clock::time_point give_up_at,
                            std::chrono::microseconds interval, InstanceProbe& out) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const LoadRequest request{"GET", "/api/resource", {}, std::move(token)};
  while (Clock::now() < give_up_at) {
    const auto response = co_await connection.send(request);
    const auto answered = Clock::now();
    if (response.status == 200) {
      ++out.accepted;
    } else if (response.status == 401) {
      out.rejected = true;
      out.first_rejection = answered;
      out.reason = field(response, "reason");
      co_return;
    }
    timer.expires_after(interval);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// One trial: returns false with `error` set when it could not be set up.
asio::awaitable<bool> trial(const LagPlan& plan, int index, std::vector<std::unique_ptr<HttpConnection>>& connections,
                            LagReport& report) {
  HttpConnection& first = *connections.front();
  const std::string user = user_name(plan.first_user + index);
  const std::string password = "pw-" + user;
  // (Requests are built before co_await: GCC 12 miscompiles braced temporaries inside it.)
  const LoadRequest login_request{"POST", "/auth/login",
                                  json::serialize(json::object{{"user", user}, {"password", password}}), {}};
  const auto login = co_await first.send(login_request);
  const std::string token = field(login, "access_token");
  if (login.status != 200 || token.empty()) {
    report.error = "login as " + user + " failed: HTTP " + std::to_string(login.status) + " " + login.body + login.error;
    co_return false;
  }
  const std::string stolen = token;  // the thief's copy

  LoadRequest revoke;
  switch (plan.event) {
    case RevokingEvent::logout: revoke = {"POST", "/auth/logout", {}, token}; break;
    case RevokingEvent::logout_all: revoke = {"POST", "/auth/logout-all", {}, token}; break;
    case RevokingEvent::password_change:
      revoke = {"POST", "/auth/password",
                json::serialize(json::object{{"old", password}, {"new", password + "-changed"}}), token};
      break;
    case RevokingEvent::ban:
      revoke = {"POST", "/admin/ban", json::serialize(json::object{{"user", user}}), plan.admin_token};
      break;
    case RevokingEvent::rotate_secret: revoke = {"POST", "/admin/rotate-secret", {}, plan.admin_token}; break;
  }
  const auto revoked = co_await first.send(revoke);
  const auto revoked_at = Clock::now();
  if (revoked.status != 204) {
    report.error = to_string(plan.event) + " failed: HTTP " + std::to_string(revoked.status) + " " + revoked.body;
    co_return false;
  }

  std::vector<InstanceProbe> probes(connections.size());
  int running = static_cast<int>(connections.size());
  asio::steady_timer all_done(co_await asio::this_coro::executor, Clock::time_point::max());
  for (std::size_t i = 0; i < connections.size(); ++i)
    asio::co_spawn(co_await asio::this_coro::executor,
                   probe(*connections[i], stolen, revoked_at + plan.give_up, plan.probe_interval, probes[i]),
                   [&](std::exception_ptr) {
                     if (--running == 0) all_done.cancel();
                   });
  co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));

  auto slowest = revoked_at;
  bool all_rejected = true;
  for (const auto& p : probes) {
    report.accepted_after_revoke += p.accepted;
    all_rejected = all_rejected && p.rejected;
    if (p.rejected) slowest = std::max(slowest, p.first_rejection);
  }
  if (all_rejected) {
    report.lag.record(slowest - revoked_at);
    report.reasons.push_back(probes.front().reason);
  } else {
    ++report.never_rejected;
  }
  if (plan.event == RevokingEvent::ban) {  // leave the user as it was
    const LoadRequest unban{"POST", "/admin/unban", json::serialize(json::object{{"user", user}}), plan.admin_token};
    co_await first.send(unban);
  }
  co_return true;
}

}  // namespace

RevokingEvent parse_revoking_event(const std::string& name) {
  std::string known;
  for (const auto& [event, text] : event_names) {
    if (name == text) return event;
    known += (known.empty() ? "" : ", ") + std::string(text);
  }
  throw std::invalid_argument("unknown event '" + name + "' (known: " + known + ")");
}

std::string to_string(RevokingEvent event) {
  for (const auto& [e, text] : event_names)
    if (e == event) return text;
  return "unknown";
}

LagReport measure_revocation_lag(const LagPlan& plan) {
  if (plan.instances.empty()) throw std::invalid_argument("revocation lag: no target");
  asio::io_context io(1);
  std::vector<std::unique_ptr<HttpConnection>> connections;
  for (const auto& instance : plan.instances) connections.push_back(std::make_unique<HttpConnection>(io.get_executor(), instance));
  LagReport report;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        for (int i = 0; i < plan.trials; ++i)
          if (!co_await trial(plan, i, connections, report)) co_return;
      },
      asio::detached);
  io.run();
  return report;
}

}  // namespace revbench::load

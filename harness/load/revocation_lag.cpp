#include "harness/load/revocation_lag.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <stdexcept>

#include "harness/contract/seeded_users.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/revocation_probe.hpp"

namespace revbench::load {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::pair<RevokingEvent, const char*> event_names[] = {
    {RevokingEvent::logout, "logout"},       {RevokingEvent::logout_all, "logout-all"},
    {RevokingEvent::password_change, "password-change"}, {RevokingEvent::ban, "ban"},
    {RevokingEvent::rotate_secret, "rotate-secret"}};

LoadRequest revoking_request(const LagPlan& plan, const std::string& user, const std::string& password,
                             const std::string& token) {
  switch (plan.event) {
    case RevokingEvent::logout: return requests::logout(token);
    case RevokingEvent::logout_all: return requests::logout_all(token);
    case RevokingEvent::password_change: return requests::change_password(token, password, password + "-changed");
    case RevokingEvent::ban: return requests::ban(plan.admin_token, user);
    case RevokingEvent::rotate_secret: return requests::rotate_secret(plan.admin_token);
  }
  return {};
}

// One trial: returns false with `error` set when it could not be set up.
asio::awaitable<bool> trial(const LagPlan& plan, int index, std::vector<std::unique_ptr<HttpConnection>>& connections,
                            LagReport& report) {
  HttpConnection& first = *connections.front();
  const std::string user = contract::seeded_user(plan.first_user + index);
  const std::string password = contract::seeded_password(user);
  // (Requests are built before co_await: GCC 12 miscompiles braced temporaries inside it.)
  const auto login_request = requests::login(user, password);
  const auto login = co_await first.send(login_request);
  const auto grant = grant_of(login);
  if (!grant) {
    report.error = "login as " + user + " failed: HTTP " + std::to_string(login.status) + " " + login.body + login.error;
    co_return false;
  }
  const std::string stolen = grant->access_token;  // the thief's copy

  const auto revoke = revoking_request(plan, user, password, grant->access_token);
  const auto revoked = co_await first.send(revoke);
  const auto revoked_at = Clock::now();
  // 202 revocation_pending: the change is made and the server still owes the
  // revocation; the lag measured then includes the wait for it.
  if (change_answer(revoked) == ChangeAnswer::not_made) {
    report.error = to_string(plan.event) + " failed: HTTP " + std::to_string(revoked.status) + " " + revoked.body;
    co_return false;
  }

  ProbeHooks hooks;
  hooks.request = [&stolen] { return requests::resource(stolen); };
  hooks.send = [&connections](std::size_t instance, const LoadRequest& request) {
    return connections[instance]->send(request);
  };
  hooks.revoked_at = [revoked_at]() -> std::optional<Clock::time_point> { return revoked_at; };
  ProbeSettings settings;
  settings.instances = connections.size();
  settings.every = plan.probe_interval;
  settings.give_up = plan.give_up;
  const auto probed = co_await probe_until_refused(hooks, settings);
  report.accepted_after_revoke += probed.accepted_after_revoke;
  if (probed.end == ProbeResult::End::refused_everywhere) {
    report.lag.record(probed.lag);
    if (plan.on_lag) plan.on_lag(probed.lag);
    report.reasons.push_back(probed.first_reason);
  } else {
    ++report.never_rejected;
  }
  if (plan.event == RevokingEvent::ban) {  // leave the user as it was
    const auto unban = requests::unban(plan.admin_token, user);
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

#include "harness/load/scenario_runner.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace revbench::load {
namespace asio = boost::asio;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

namespace {

// A server-side session as the run knows it: who owns it, whether an event
// meant to end it, whether someone copied its tokens.
struct Lineage {
  std::string user;
  bool targeted = false;
  bool stolen = false;
  bool refusal_seen = false;
};

// The tokens one actor holds under one session name.
struct Slot {
  std::string access;
  std::string refresh;
  std::string reset;
  int lineage = -1;  // -1: never logged in (or stolen) yet
  // When a careful client renews its access token: before it expires, with
  // room for exp's whole seconds (a token can die up to 1 s before expires_in says).
  TimePoint renew_at = TimePoint::max();
};

TimePoint renewal_time(const std::string& body) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  const auto* expires_in = !ec && value.is_object() ? value.as_object().if_contains("expires_in") : nullptr;
  if (expires_in == nullptr || !expires_in->is_number()) return TimePoint::max();
  const double lifetime = expires_in->to_number<double>();
  const double renew_after = std::max(lifetime - 1.25, lifetime / 2);
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(renew_after));
}

struct Actor {
  const ActorGroup* group = nullptr;
  int group_index = 0;
  int index = 0;  // within the group
  std::string user;
  std::string password;
  std::map<std::string, Slot> slots;  // std::map: references stay valid as sessions are added
  std::vector<std::unique_ptr<HttpConnection>> connections;  // one per instance
  std::size_t home = 0;  // the instance its ordinary requests go to
  bool ended = false;    // walked all its steps, or stopped at one
  bool banned = false;   // an admin banned its user: a refused login is the ban working
  bool thief() const { return group->role == Role::thief; }
};

std::string field(const std::string& body, const char* name) {
  boost::system::error_code ec;
  auto value = json::parse(body, ec);
  if (ec || !value.is_object()) return {};
  const auto* member = value.as_object().if_contains(name);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : std::string();
}

bool success(const LoadResponse& response) { return response.status >= 200 && response.status < 300; }

const char* endpoint_of(StepKind kind) {
  switch (kind) {
    case StepKind::login: return "login";
    case StepKind::resource: return "resource";
    case StepKind::refresh: return "refresh";
    case StepKind::logout: return "logout";
    case StepKind::logout_all: return "logout_all";
    case StepKind::password_change: return "password";
    case StepKind::ban: return "ban";
    case StepKind::unban: return "unban";
    case StepKind::rotate_secret: return "rotate_secret";
    case StepKind::reset_request: return "reset_request";
    case StepKind::reset: return "reset";
    case StepKind::probe: return "probe";
    case StepKind::steal:
    case StepKind::wait:
    case StepKind::think: break;
  }
  return "none";
}

class Run {
 public:
  Run(const Scenario& scenario, const ScenarioRunOptions& options, asio::io_context& io)
      : scenario_(scenario), options_(options), io_(io) {
    int next_user = 0;
    for (std::size_t g = 0; g < scenario.actors.size(); ++g) {
      const auto& group = scenario.actors[g];
      group_index_[group.name] = static_cast<int>(g);
      auto& members = actors_.emplace_back(static_cast<std::size_t>(group.count));
      for (int i = 0; i < group.count; ++i) {
        Actor& actor = members[static_cast<std::size_t>(i)];
        actor.group = &group;
        actor.group_index = static_cast<int>(g);
        actor.index = i;
        if (group.role == Role::user) std::tie(actor.user, actor.password) = options.credentials(next_user++);
        for (const auto& instance : options.instances)
          actor.connections.push_back(std::make_unique<HttpConnection>(io.get_executor(), instance, std::chrono::seconds(10)));
        actor.home = static_cast<std::size_t>(next_home_++) % options.instances.size();
      }
    }
    Duration longest_give_up{0};
    for (const auto& group : scenario.actors)
      for (const auto& step : group.steps) longest_give_up = std::max(longest_give_up, step.give_up);
    start_ = Clock::now() + std::chrono::milliseconds(20);  // every actor spawned before the clock starts
    auto at = start_;
    for (const auto& phase : scenario.phases) {
      phase_starts_.push_back(at);
      at += phase.duration;
    }
    phases_end_ = at;
    hard_end_ = phases_end_ + longest_give_up + std::chrono::seconds(2);
  }

  ScenarioStats play() {
    int running = 0;
    for (auto& members : actors_)
      for (auto& actor : members) {
        ++running;
        asio::co_spawn(io_, act(actor), [this, &running](std::exception_ptr error) {
          if (error) {
            try {
              std::rethrow_exception(error);
            } catch (const std::exception& e) {
              stats_.note(std::string("actor failed: ") + e.what());
            }
          }
          if (--running == 0) done_ = true;
        });
      }
    asio::co_spawn(io_, watch(), asio::detached);
    if (options_.on_phase) asio::co_spawn(io_, announce_phases(), asio::detached);
    io_.run();
    stats_.seconds = std::chrono::duration<double>(last_answer_ - start_).count();
    return std::move(stats_);
  }

 private:
  // ---- time -------------------------------------------------------------
  bool finished() const {
    return stopping_ || Clock::now() >= hard_end_ || (options_.stop != nullptr && options_.stop->load());
  }
  asio::awaitable<void> sleep_until(TimePoint when) {
    if (when <= Clock::now()) co_return;
    asio::steady_timer timer(io_, when);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  std::size_t phase_at(TimePoint when) const {
    std::size_t phase = 0;
    for (std::size_t i = 0; i < phase_starts_.size(); ++i)
      if (when >= phase_starts_[i]) phase = i;
    return phase;
  }
  TimePoint phase_end(const std::string& name) const {
    for (std::size_t i = 0; i < scenario_.phases.size(); ++i)
      if (scenario_.phases[i].name == name) return i + 1 < phase_starts_.size() ? phase_starts_[i + 1] : phases_end_;
    return phases_end_;  // "end"
  }
  TimePoint phase_start(const std::string& name) const {
    for (std::size_t i = 0; i < scenario_.phases.size(); ++i)
      if (scenario_.phases[i].name == name) return phase_starts_[i];
    return phases_end_;
  }

  // Ends the run when every actor is done, when stopped, or at the hard end;
  // reports progress on the way.
  asio::awaitable<void> watch() {
    asio::steady_timer timer(io_);
    auto last = Clock::now();
    auto next_progress = start_ + options_.progress_every;
    while (!done_) {
      timer.expires_after(std::chrono::milliseconds(5));
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      const auto now = Clock::now();
      if (options_.stop != nullptr && options_.stop->load()) {
        stats_.complete = false;
        stopping_ = true;
      }
      if (now >= hard_end_) stopping_ = true;
      if (options_.on_progress && now >= next_progress) {
        next_progress += options_.progress_every;
        ScenarioProgress p;
        p.elapsed_seconds = std::chrono::duration<double>(now - start_).count();
        p.total_seconds = std::chrono::duration<double>(scenario_.total_duration()).count();
        p.phase = scenario_.phases.empty() ? std::string() : scenario_.phases[phase_at(now)].name;
        p.requests = window_.count();
        p.errors = window_errors_;
        p.interval_seconds = std::chrono::duration<double>(now - last).count();
        p.p99 = window_.percentile(99);
        p.latency = window_;
        p.revocation_lag = lag_window_;
        p.revocations_probed = stats_.security.probes;
        p.accepted_after_revoke = stats_.security.accepted_after_revoke;
        p.collateral_logouts = stats_.security.collateral_logouts;
        options_.on_progress(p);
        window_.reset();
        lag_window_.reset();
        window_errors_ = 0;
        last = now;
      }
    }
    if (stopping_) io_.stop();  // abandon requests still in flight: the run is over
  }

  asio::awaitable<void> announce_phases() {
    for (std::size_t i = 0; i < scenario_.phases.size() && !finished(); ++i) {
      co_await sleep_until(phase_starts_[i]);
      if (finished()) break;
      options_.on_phase(scenario_.phases[i].name, i + 1 < phase_starts_.size() ? phase_starts_[i + 1] : phases_end_);
    }
  }

  // ---- who is who -------------------------------------------------------
  Actor& peer(const Actor& me, const std::string& group) {
    auto& members = actors_.at(static_cast<std::size_t>(group_index_.at(group)));
    return members[static_cast<std::size_t>(me.index) % members.size()];
  }
  std::optional<TimePoint> mark_time(const Actor& me, const MarkRef& ref) {
    const Actor& other = peer(me, ref.actor);
    auto found = marks_.find({other.group_index, other.index, ref.mark});
    if (found == marks_.end()) return std::nullopt;
    return found->second;
  }
  void target_user(const std::string& user, int except_lineage = -1) {
    for (std::size_t i = 0; i < lineages_.size(); ++i)
      if (lineages_[i].user == user && static_cast<int>(i) != except_lineage) lineages_[i].targeted = true;
  }
  void target_lineage(int lineage) {
    if (lineage >= 0) lineages_[static_cast<std::size_t>(lineage)].targeted = true;
  }

  // ---- requests ---------------------------------------------------------
  void record(const Actor& actor, const std::string& endpoint, TimePoint intended, TimePoint sent, TimePoint answered,
              const LoadResponse& response) {
    last_answer_ = std::max(last_answer_, answered);
    stats_.all_redis_ops += response.redis_ops;
    stats_.all_pg_ops += response.pg_ops;
    std::string outcome = response.status == 0 ? std::string("no_response") : std::to_string(response.status);
    if (response.status >= 400) {
      const auto reason = field(response.body, "reason");
      if (!reason.empty()) outcome += " " + reason;
    }
    const auto second = static_cast<std::size_t>(std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::seconds>(answered - start_).count()));
    if (stats_.timeline.size() <= second) stats_.timeline.resize(second + 1);
    auto& tick = stats_.timeline[second];
    ++tick.requests;
    if (endpoint == "login") ++tick.logins;
    if (!success(response)) ++tick.errors;
    tick.max_latency = std::max<std::chrono::nanoseconds>(tick.max_latency, answered - intended);
    window_.record(answered - intended);
    if (!success(response)) ++window_errors_;

    const auto phase = phase_at(intended);
    if (!scenario_.phases.empty() && !scenario_.phases[phase].record) return;
    auto& s = stats_.endpoints[{scenario_.phases.empty() ? std::string("run") : scenario_.phases[phase].name,
                                (actor.thief() ? "thief_" : "") + endpoint}];
    s.corrected.record(answered - intended);
    s.uncorrected.record(answered - sent);
    ++s.outcomes[outcome];
    s.redis_ops += response.redis_ops;
    s.pg_ops += response.pg_ops;
  }

  asio::awaitable<LoadResponse> send(Actor& actor, std::size_t instance, const LoadRequest& request,
                                     const std::string& endpoint, TimePoint intended) {
    const auto sent = Clock::now();
    auto response = co_await actor.connections.at(instance)->send(request);
    const auto answered = Clock::now();
    record(actor, endpoint, intended, sent, answered, response);
    if (actor.thief()) {
      auto& security = stats_.security;
      ++security.thief_requests;
      if (success(response)) {
        ++security.thief_accepted;
        if (actor.group->revoked_by) {
          const auto revoked = mark_time(actor, *actor.group->revoked_by);
          if (revoked && sent >= *revoked) ++security.accepted_after_revoke;
        }
      }
    }
    co_return response;
  }

  // ---- what a client does with an answer --------------------------------
  asio::awaitable<bool> log_in(Actor& actor, Slot& slot, const std::string& device) {
    json::object body{{"user", actor.user}, {"password", actor.password}};
    if (!device.empty()) body["device"] = device;
    const LoadRequest request{"POST", "/auth/login", json::serialize(body), {}};
    const auto response = co_await send(actor, actor.home, request, "login", Clock::now());
    if (response.status != 200) {
      if (actor.banned && response.status == 401) co_return false;  // the ban working, not a failure
      ++stats_.security.failed_steps;
      stats_.note(actor.group->name + ": login as " + actor.user + " got HTTP " + std::to_string(response.status) +
                  " " + response.body + response.error);
      co_return false;
    }
    slot.access = field(response.body, "access_token");
    slot.refresh = field(response.body, "refresh_token");
    slot.renew_at = renewal_time(response.body);
    slot.lineage = static_cast<int>(lineages_.size());
    lineages_.push_back({actor.user, false, false, false});
    co_return true;
  }

  // A refresh grant answered: keep the new pair, or count what the refusal means.
  void refreshed(Slot& slot, const LoadResponse& response) {
    if (response.status == 200) {
      slot.access = field(response.body, "access_token");
      slot.refresh = field(response.body, "refresh_token");
      slot.renew_at = renewal_time(response.body);
      return;
    }
    if (response.status == 401 && field(response.body, "reason") == "reuse_detected" && slot.lineage >= 0) {
      auto& lineage = lineages_[static_cast<std::size_t>(slot.lineage)];
      if (lineage.stolen) {
        lineage.targeted = true;  // detecting the theft revokes the family: that is the point, not collateral
        ++stats_.security.theft_detections;
      } else {
        ++stats_.security.false_theft_detections;
      }
    }
  }

  // A fresh access token: refreshed where the strategy issues refresh tokens, a new login otherwise.
  asio::awaitable<bool> renew(Actor& actor, Slot& slot) {
    ++stats_.security.renewals;
    if (!slot.refresh.empty()) {
      const LoadRequest request{"POST", "/auth/refresh", json::serialize(json::object{{"refresh_token", slot.refresh}}), {}};
      const auto renewed = co_await send(actor, actor.home, request, "refresh", Clock::now());
      refreshed(slot, renewed);
      if (renewed.status == 200) co_return true;
    }
    co_return co_await log_in(actor, slot, {});
  }

  // A legitimate user's request was refused: renew an expired token, note a
  // session that died without being targeted, log in again when asked to.
  asio::awaitable<bool> refused(Actor& actor, Slot& slot, const LoadResponse& response, bool relogin) {
    if (field(response.body, "reason") == "expired") co_return co_await renew(actor, slot);
    if (slot.lineage >= 0) {
      auto& lineage = lineages_[static_cast<std::size_t>(slot.lineage)];
      if (!lineage.targeted && !lineage.refusal_seen) {
        ++stats_.security.collateral_logouts;
        stats_.note(actor.group->name + " " + std::to_string(actor.index) + ": a session no event targeted was refused (" +
                    field(response.body, "reason") + ")");
      }
      lineage.refusal_seen = true;
    }
    if (!relogin) co_return false;
    ++stats_.security.relogins;
    co_return co_await log_in(actor, slot, {});
  }

  // ---- steps ------------------------------------------------------------
  // When the next iteration of a loop is due, or nothing when the loop is over.
  struct Schedule {
    TimePoint start;
    std::optional<TimePoint> deadline;
    int remaining = 1;
    Duration interval{0};
    long iteration = 0;
    std::optional<TimePoint> next() {
      const auto intended = interval.count() > 0 ? start + interval * iteration : Clock::now();
      ++iteration;
      if (deadline) return intended < *deadline ? std::optional(intended) : std::nullopt;
      return remaining-- > 0 ? std::optional(intended) : std::nullopt;
    }
  };
  Schedule schedule(const Loop& loop) const {
    Schedule s{Clock::now(), std::nullopt, loop.repeat, Duration{0}, 0};
    if (loop.for_) s.deadline = s.start + *loop.for_;
    if (loop.until_phase) s.deadline = phase_end(*loop.until_phase);
    if (loop.rate > 0) s.interval = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(1.0 / loop.rate));
    return s;
  }

  asio::awaitable<bool> resource(Actor& actor, const Step& step) {
    Slot& slot = actor.slots[step.session];
    for (auto s = schedule(step.loop); !finished();) {
      const auto intended = s.next();
      if (!intended) break;
      co_await sleep_until(*intended);
      auto logged_in_at = TimePoint::min();
      if (slot.access.empty()) {
        if (actor.thief()) co_return skip(actor, step, "nothing stolen to use");
        const bool logged_in = co_await log_in(actor, slot, {});
        if (!logged_in) co_return false;
        logged_in_at = Clock::now();
      } else if (!actor.thief() && Clock::now() >= slot.renew_at) {
        const bool renewed = co_await renew(actor, slot);
        if (!renewed) co_return false;
        logged_in_at = Clock::now();
      }
      // Logging in or renewing is the client's own work, timed on its own
      // endpoint: the request's latency starts after it.
      const auto due = std::max(*intended, logged_in_at);
      const LoadRequest request{"GET", "/api/resource", {}, slot.access};
      const auto response = co_await send(actor, actor.home, request, "resource", due);
      if (!response.renewed_token.empty()) slot.access = response.renewed_token;  // as a real client would
      if (response.status == 401 && !actor.thief()) {
        const bool alive = co_await refused(actor, slot, response, step.relogin);
        if (!alive) co_return !step.relogin;  // a refused session ends the loop; a failed login ends the actor
      }
      if (step.loop.think.count() > 0) co_await sleep_until(Clock::now() + step.loop.think);
    }
    co_return true;
  }

  // `tabs` refresh grants with one refresh token at the same moment, as
  // browser tabs that share storage do when their access token expires.
  asio::awaitable<bool> refresh(Actor& actor, const Step& step) {
    Slot& slot = actor.slots[step.session];
    if (slot.refresh.empty()) {
      skip(actor, step, "no refresh token to present");
      co_return true;  // the strategy has no refresh grant: the user simply goes on
    }
    const LoadRequest request{"POST", "/auth/refresh", json::serialize(json::object{{"refresh_token", slot.refresh}}), {}};
    const auto intended = Clock::now();
    if (step.tabs <= 1) {
      refreshed(slot, co_await send(actor, actor.home, request, "refresh", intended));
      co_return true;
    }
    std::vector<std::unique_ptr<HttpConnection>> tabs;
    std::vector<LoadResponse> answers(static_cast<std::size_t>(step.tabs));
    int running = step.tabs;
    asio::steady_timer all_done(io_, TimePoint::max());
    for (int t = 0; t < step.tabs; ++t) {
      tabs.push_back(std::make_unique<HttpConnection>(io_.get_executor(), options_.instances[actor.home]));
      asio::co_spawn(io_, tab(*tabs.back(), request, answers[static_cast<std::size_t>(t)]),
                     [&running, &all_done](std::exception_ptr) {
                       if (--running == 0) all_done.cancel();
                     });
    }
    co_await all_done.async_wait(asio::as_tuple(asio::use_awaitable));
    const auto answered = Clock::now();
    bool renewed = false;
    for (const auto& answer : answers) {
      record(actor, "refresh", intended, intended, answered, answer);
      if (answer.status == 200 && !renewed) {
        refreshed(slot, answer);
        renewed = true;
      } else if (answer.status != 200) {
        refreshed(slot, answer);
      }
    }
    co_return true;
  }
  static asio::awaitable<void> tab(HttpConnection& connection, LoadRequest request, LoadResponse& answer) {
    answer = co_await connection.send(request);
  }

  asio::awaitable<bool> end_session(Actor& actor, const Step& step) {
    Slot& slot = actor.slots[step.session];
    if (slot.access.empty()) co_return fail(actor, step, "no session to end (log in first)");
    LoadRequest request{"POST", "", {}, slot.access};
    const bool was_targeted = slot.lineage >= 0 && lineages_[static_cast<std::size_t>(slot.lineage)].targeted;
    switch (step.kind) {
      case StepKind::logout:
        request.path = "/auth/logout";
        if (!slot.refresh.empty()) request.body = json::serialize(json::object{{"refresh_token", slot.refresh}});
        target_lineage(slot.lineage);
        break;
      case StepKind::logout_all:
        request.path = "/auth/logout-all";
        target_user(actor.user);
        break;
      default: {  // password_change
        request.path = "/auth/password";
        request.body = json::serialize(json::object{{"old", actor.password}, {"new", actor.password + "-changed"}});
        target_user(actor.user, slot.lineage);
        break;
      }
    }
    const auto response = co_await send(actor, actor.home, request, endpoint_of(step.kind), Clock::now());
    if (response.status == 401 && step.kind != StepKind::password_change) {
      // The session was over before the user ended it (another event ended
      // it): the user is logged out all the same, and that death was collateral
      // unless an earlier event meant it.
      auto& lineage = lineages_[static_cast<std::size_t>(slot.lineage)];
      if (!was_targeted && !lineage.refusal_seen) ++stats_.security.collateral_logouts;
      lineage.refusal_seen = true;
      stats_.note(actor.group->name + " " + std::to_string(actor.index) + ": the session to end was already refused (" +
                  field(response.body, "reason") + ")");
      slot = Slot{};
      co_return true;
    }
    if (response.status != 204) co_return fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
    if (step.kind == StepKind::password_change) actor.password += "-changed";
    if (step.kind == StepKind::logout) slot = Slot{};  // the client drops what it logged out
    co_return true;
  }

  asio::awaitable<bool> admin(Actor& actor, const Step& step) {
    LoadRequest request{"POST", "/admin/rotate-secret", {}, options_.admin_token};
    if (step.kind == StepKind::rotate_secret) {
      for (auto& lineage : lineages_) lineage.targeted = true;
    } else {
      Actor& target = peer(actor, step.target);
      target.banned = step.kind == StepKind::ban;
      request.path = step.kind == StepKind::ban ? "/admin/ban" : "/admin/unban";
      request.body = json::serialize(json::object{{"user", target.user}});
      if (step.kind == StepKind::ban) target_user(target.user);
    }
    const auto response = co_await send(actor, actor.home, request, endpoint_of(step.kind), Clock::now());
    if (response.status != 204) co_return fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
    co_return true;
  }

  asio::awaitable<bool> reset_request(Actor& actor, const Step& step) {
    const LoadRequest request{"POST", "/auth/reset-request", json::serialize(json::object{{"user", actor.user}}), {}};
    const auto response = co_await send(actor, actor.home, request, "reset_request", Clock::now());
    if (response.status != 200) co_return fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
    actor.slots[step.session].reset = field(response.body, "reset_token");
    co_return true;
  }

  asio::awaitable<bool> reset(Actor& actor, const Step& step) {
    Slot& slot = actor.slots[step.session];
    if (slot.reset.empty()) co_return fail(actor, step, "no reset token (reset-request first)");
    const std::string new_password = actor.password + "-reset";
    const LoadRequest request{"POST", "/auth/reset",
                              json::serialize(json::object{{"reset_token", slot.reset}, {"new_password", new_password}}), {}};
    target_user(actor.user);
    const auto response = co_await send(actor, actor.home, request, "reset", Clock::now());
    if (response.status != 204) co_return fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
    actor.password = new_password;
    co_return true;
  }

  // Waits for the victim to hold the session, then copies its tokens.
  asio::awaitable<bool> steal(Actor& actor, const Step& step) {
    Actor& victim = peer(actor, step.target);
    for (;;) {
      const auto found = victim.slots.find(step.session);
      const bool ready = found != victim.slots.end() &&
                         (step.token == TokenKind::reset ? !found->second.reset.empty() : found->second.lineage >= 0);
      if (ready) break;
      if (victim.ended) co_return skip(actor, step, "the victim stopped before holding the session");
      if (finished() || Clock::now() >= phases_end_) co_return fail(actor, step, "the victim never held the session");
      co_await sleep_until(Clock::now() + std::chrono::milliseconds(1));
    }
    const Slot& original = victim.slots[step.session];
    Slot& copy = actor.slots[step.session];
    const bool all = step.token == TokenKind::all;
    if (all || step.token == TokenKind::access) copy.access = original.access;
    if (all || step.token == TokenKind::refresh) {
      if (original.refresh.empty()) co_return skip(actor, step, "the strategy issued no refresh token to steal");
      copy.refresh = original.refresh;
    }
    if (step.token == TokenKind::reset) copy.reset = original.reset;
    copy.lineage = original.lineage;
    if (copy.lineage >= 0) lineages_[static_cast<std::size_t>(copy.lineage)].stolen = true;
    co_return true;
  }

  // The revocation-lag measurement: use the stolen token on every instance in
  // turn until each has refused it after the revoking response.
  asio::awaitable<bool> probe(Actor& actor, const Step& step) {
    if (!actor.group->revoked_by) co_return fail(actor, step, "a probe needs the group's revoked_by");
    Slot& slot = actor.slots[step.session];
    const std::string& token = step.token == TokenKind::refresh ? slot.refresh
                               : step.token == TokenKind::reset ? slot.reset
                                                                : slot.access;
    if (token.empty()) co_return skip(actor, step, "nothing stolen to probe with");
    const auto& instances = options_.instances;
    std::vector<std::optional<TimePoint>> refused_at(instances.size());
    std::vector<bool> refused_early(instances.size(), false);
    std::string first_reason;
    std::size_t turn = 0;
    std::optional<TimePoint> revoked;
    for (;;) {
      if (options_.stop != nullptr && options_.stop->load()) co_return true;
      if (!revoked) revoked = mark_time(actor, *actor.group->revoked_by);
      if (revoked)
        for (std::size_t i = 0; i < refused_at.size(); ++i)
          if (refused_early[i] && !refused_at[i]) refused_at[i] = *revoked;
      if (std::all_of(refused_at.begin(), refused_at.end(), [](const auto& at) { return at.has_value(); })) {
        TimePoint slowest = *revoked;
        for (const auto& at : refused_at) slowest = std::max(slowest, *at);
        stats_.revocation_lag.record(slowest - *revoked);
        lag_window_.record(slowest - *revoked);
        ++stats_.rejection_reasons[first_reason];
        ++stats_.security.probes;
        co_return true;
      }
      const auto now = Clock::now();
      if ((revoked && now > *revoked + step.give_up) || (!revoked && now >= hard_end_)) {
        ++stats_.security.never_rejected;
        stats_.note(actor.group->name + " " + std::to_string(actor.index) +
                    (revoked ? ": the stolen token was still accepted at give-up" : ": the revoke never happened"));
        co_return true;
      }
      // The next instance that has not refused the token yet.
      std::optional<std::size_t> next;
      for (std::size_t k = 0; k < instances.size() && !next; ++k) {
        const std::size_t i = (turn + k) % instances.size();
        if (!refused_at[i] && !refused_early[i]) next = i;
      }
      if (!next) {  // every instance refused before the revoke was recorded: wait for the mark
        co_await sleep_until(Clock::now() + step.every);
        continue;
      }
      const std::size_t instance = *next;
      turn = instance + 1;
      LoadRequest request{"GET", "/api/resource", {}, slot.access};
      if (step.token == TokenKind::refresh)
        request = {"POST", "/auth/refresh", json::serialize(json::object{{"refresh_token", slot.refresh}}), {}};
      if (step.token == TokenKind::reset)
        request = {"POST", "/auth/reset",
                   json::serialize(json::object{{"reset_token", slot.reset}, {"new_password", "taken-over"}}), {}};
      const auto response = co_await send(actor, instance, request, "probe", Clock::now());
      const auto answered = Clock::now();
      if (step.token == TokenKind::refresh) refreshed(slot, response);
      if (!response.renewed_token.empty()) slot.access = response.renewed_token;  // the thief keeps up too
      if (response.status == 401 || response.status == 403) {
        if (first_reason.empty()) first_reason = field(response.body, "reason");
        if (revoked && answered >= *revoked) {
          refused_at[instance] = answered;
        } else {
          // Refused before the revoking response reached its client (both
          // answers can arrive together): the instance had already revoked
          // it, so it counts as refusing at the revoke, lag 0.
          ++stats_.security.rejected_before_revoke;
          refused_early[instance] = true;
        }
      }
      if (!refused_at[instance]) co_await sleep_until(Clock::now() + step.every);
    }
  }

  asio::awaitable<bool> wait(Actor& actor, const Step& step) {
    if (step.wait_phase) {
      co_await sleep_until(step.wait_phase == "end" ? phases_end_ : phase_start(*step.wait_phase));
      co_return !finished();
    }
    while (!mark_time(actor, *step.wait_mark)) {
      if (peer(actor, step.wait_mark->actor).ended)
        co_return skip(actor, step, step.wait_mark->actor + " stopped before recording '" + step.wait_mark->mark + "'");
      if (finished() || Clock::now() >= phases_end_)
        co_return fail(actor, step, "waited for " + step.wait_mark->actor + "'s mark '" + step.wait_mark->mark +
                                        "' until the end of the run");
      co_await sleep_until(Clock::now() + std::chrono::milliseconds(1));
    }
    co_return true;
  }

  bool fail(const Actor& actor, const Step& step, const std::string& why) {
    ++stats_.security.failed_steps;
    stats_.note(actor.group->name + " " + std::to_string(actor.index) + ", step on line " + std::to_string(step.line) +
                ": " + why);
    return false;
  }
  bool skip(const Actor& actor, const Step& step, const std::string& why) {
    ++stats_.security.skipped_steps;
    stats_.note(actor.group->name + ", step on line " + std::to_string(step.line) + " skipped: " + why);
    return false;
  }

  asio::awaitable<bool> perform(Actor& actor, const Step& step) {
    switch (step.kind) {
      case StepKind::login: co_return co_await log_in(actor, actor.slots[step.session], step.device);
      case StepKind::resource: co_return co_await resource(actor, step);
      case StepKind::refresh: co_return co_await refresh(actor, step);
      case StepKind::logout:
      case StepKind::logout_all:
      case StepKind::password_change: co_return co_await end_session(actor, step);
      case StepKind::ban:
      case StepKind::unban:
      case StepKind::rotate_secret: co_return co_await admin(actor, step);
      case StepKind::reset_request: co_return co_await reset_request(actor, step);
      case StepKind::reset: co_return co_await reset(actor, step);
      case StepKind::steal: co_return co_await steal(actor, step);
      case StepKind::probe: co_return co_await probe(actor, step);
      case StepKind::wait: co_return co_await wait(actor, step);
      case StepKind::think: co_await sleep_until(Clock::now() + step.duration); co_return true;
    }
    co_return false;
  }

  asio::awaitable<void> act(Actor& actor) {
    co_await sleep_until(start_ + actor.group->ramp_up * actor.index / actor.group->count);
    for (const auto& step : actor.group->steps) {
      if (finished()) break;
      const bool carry_on = co_await perform(actor, step);
      if (!carry_on) break;
      if (!step.mark.empty()) marks_[{actor.group_index, actor.index, step.mark}] = Clock::now();
    }
    actor.ended = true;
  }

  const Scenario& scenario_;
  const ScenarioRunOptions& options_;
  asio::io_context& io_;
  std::map<std::string, int> group_index_;
  std::vector<std::vector<Actor>> actors_;
  int next_home_ = 0;
  std::vector<Lineage> lineages_;
  std::map<std::tuple<int, int, std::string>, TimePoint> marks_;
  TimePoint start_;
  std::vector<TimePoint> phase_starts_;
  TimePoint phases_end_;
  TimePoint hard_end_;
  TimePoint last_answer_{};
  bool done_ = false;
  bool stopping_ = false;
  LatencyHistogram window_;
  LatencyHistogram lag_window_;
  std::uint64_t window_errors_ = 0;
  ScenarioStats stats_;
};

}  // namespace

ScenarioStats run_scenario(const Scenario& scenario, const ScenarioRunOptions& options) {
  if (options.instances.empty()) throw std::invalid_argument("scenario run: no server instance to target");
  asio::io_context io(1);
  Run run(scenario, options, io);
  return run.play();
}

}  // namespace revbench::load

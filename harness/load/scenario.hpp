#pragma once
// A scenario as the actor runtime executes it: phases on one clock, groups of
// actors, and the steps each actor of a group walks through. scenarios/
// turns a YAML script into one; the runtime (scenario_runner) plays it.
//
// Actors of different groups refer to each other by index: actor i of group A
// acting on group B means actor (i mod count(B)) of B, so `count: 5` thieves
// each pair with one of 5 victims, and one admin serves every reader.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace revbench::load {

using Duration = std::chrono::nanoseconds;

struct Phase {
  std::string name;
  Duration duration{0};
  bool record = true;  // false: a warm-up, sent but not measured
};

// A store failure injected for the whole of one phase: `kill` is SIGKILL and
// a restart when the phase ends, `stop` is SIGSTOP and SIGCONT when it ends.
// Only the stores revbench embeds can be failed.
enum class FaultStore { redis, postgres };
enum class FaultAction { kill, stop };
struct Fault {
  std::string phase;
  FaultStore store = FaultStore::redis;
  FaultAction action = FaultAction::kill;
};

// A point in another actor's life: "when victim i recorded mark `revoked`".
struct MarkRef {
  std::string actor;
  std::string mark;
};

enum class StepKind {
  login,            // POST /auth/login as the actor's user, into `session`
  resource,         // GET /api/resource with the session's access token (a loop: see Loop)
  refresh,          // POST /auth/refresh with the session's refresh token (`tabs` at once)
  logout,           // POST /auth/logout: ends `session`
  logout_all,       // POST /auth/logout-all
  password_change,  // POST /auth/password: the other sessions end
  ban,              // admin: POST /admin/ban for `target`'s user
  unban,            // admin: POST /admin/unban
  rotate_secret,    // admin: POST /admin/rotate-secret
  reset_request,    // POST /auth/reset-request: the reset token lands in `session`
  reset,            // POST /auth/reset with the session's reset token
  steal,            // copy `token` of `target`'s session into this actor's `session`
  probe,            // use a (stolen) token on every instance until each rejects it after the revoke
  wait,             // until a phase starts or another actor records a mark
  think,            // sleep
};

enum class TokenKind { access, refresh, reset, all };

// How often a step runs. Open loop when `rate` is set (latency from the
// intended send time), otherwise back to back with `think` between.
struct Loop {
  int repeat = 1;                      // when neither `for_` nor `until_phase` is set
  std::optional<Duration> for_;        // run for this long
  std::optional<std::string> until_phase;  // until this phase ends ("end": until the last one ends)
  double rate = 0;                     // requests per second, this actor
  Duration think{0};
};

struct Step {
  StepKind kind = StepKind::think;
  int line = 0;                  // in the script
  std::string session = "main";  // which of the actor's sessions the step uses
  std::string device;            // login: the device name sent to the server
  Loop loop;
  int tabs = 1;                  // refresh: concurrent requests with the same refresh token
  std::string target;            // ban, unban, steal: the group acted on
  TokenKind token = TokenKind::all;  // steal: what is copied; probe: what is used
  std::string mark;              // recorded when the step completes
  std::optional<MarkRef> wait_mark;        // wait
  std::optional<std::string> wait_phase;   // wait
  Duration duration{0};          // think
  Duration every{std::chrono::microseconds(500)};  // probe: interval per instance
  Duration give_up{std::chrono::seconds(10)};      // probe: after the revoke
  bool relogin = true;           // resource: log in again when the session is refused
};

enum class Role { user, thief, admin };

struct ActorGroup {
  std::string name;
  Role role = Role::user;
  int count = 1;
  std::vector<Step> steps;
  // Thieves: the mark that revokes what they stole; their 2xx answers to
  // requests sent after it are "accepted after revoke".
  std::optional<MarkRef> revoked_by;
  // The group's actors start evenly spread over this time, as real clients
  // are (a crowd that logs in together also renews its tokens together).
  Duration ramp_up{0};
  int line = 0;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source;            // the script's path
  std::string event;             // the strategies' Event it measures (logout, ban, ...)
  std::chrono::seconds access_ttl{0};  // strategy option for the run; 0: the strategy's default
  std::vector<Phase> phases;
  std::vector<Fault> faults;
  std::vector<ActorGroup> actors;

  int users_needed() const {
    int users = 0;
    for (const auto& group : actors)
      if (group.role == Role::user) users += group.count;
    return users;
  }
  Duration total_duration() const {
    Duration total{0};
    for (const auto& phase : phases) total += phase.duration;
    return total;
  }
};

}  // namespace revbench::load

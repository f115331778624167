#pragma once
// A scenario as the actor runtime plays it: phases on one clock, groups of
// actors, and the steps each actor of a group walks through. scenarios/
// turns a YAML script into one; the runtime (scenario_runner) plays it.
//
// Actors of different groups refer to each other by index: actor i of group A
// acting on group B means actor (i mod count(B)) of B, so `count: 5` thieves
// each pair with one of 5 victims, and one admin serves every reader.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/contract/events.hpp"

namespace revbench::load {

using Duration = std::chrono::nanoseconds;

struct Phase {
  std::string name;
  Duration duration{0};
  bool record = true;  // false: a warm-up, sent but not measured
};

// A store failure injected for the whole of one phase: `kill` is SIGKILL and
// a restart when the phase ends, `stop` is SIGSTOP and SIGCONT when it ends,
// `isolate` (Redis under Sentinel) cuts the primary off from its replicas
// and the Sentinels, the servers still reaching it, until the phase ends.
// Only the stores revbench embeds can be failed.
enum class FaultStore { redis, postgres };
enum class FaultAction { kill, stop, isolate };
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

// What one step does is its kind's business (steps/, listed in
// step_kinds.cpp); the plan keeps what every step has.
class StepAction;
struct Step {
  std::string kind;              // its name in the script: a row of the step-kind table
  int line = 0;                  // in the script
  std::string session = "main";  // which of the actor's sessions the step uses
  std::string mark;              // recorded when the step completes
  std::shared_ptr<const StepAction> action;
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
  // 1-based: every actor of the group uses this instance (a region's
  // users); none: actors are spread over the instances in turn.
  std::optional<int> instance;
  int line = 0;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string set = "main";      // which `compare --set` plays it: the main job, or an opt-in set
  std::string source;            // the script's path
  std::optional<contract::Event> event;  // what it measures (logout, ban, ...); none: it revokes nothing
  std::chrono::seconds access_ttl{0};  // strategy option for the run; 0: the strategy's default
  int instances = 1;  // the fewest server instances its runs need (what it measures crosses instances)
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

#pragma once
// One actor of a run: who it logs in as, the sessions it holds by name, its
// connection to every instance, and where its walk through the steps is.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/load/http_connection.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/load/scenario/session_ledger.hpp"

namespace revbench::load {

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
  // A thief's: the instances that refused its token after the revocation
  // (one flag each), and whether one of them accepted it again since.
  std::vector<bool> revocation_held;
  bool revocation_lost = false;
  bool thief() const { return group->role == Role::thief; }
};

}  // namespace revbench::load

#pragma once
// What a step kind does when an actor reaches it. Each kind is one file in
// steps/ (its fields, its parse, its perform) and one row in step_kinds.cpp.
#include <boost/asio/awaitable.hpp>

#include "harness/load/scenario/plan.hpp"

namespace revbench::load {

class Stage;
struct Actor;

class StepAction {
 public:
  virtual ~StepAction() = default;
  // False ends the actor's walk (a step that failed, or that ends the story).
  virtual boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const = 0;
  // How long after the revoke the step may still be running (a probe's give-up):
  // the run waits that long past its last phase.
  virtual Duration give_up() const { return Duration{0}; }
};

}  // namespace revbench::load

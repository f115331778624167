#pragma once
// The actors of a run and how they find each other: actor i of one group
// acting on another group means actor (i mod count) of that group; a mark is
// the time an actor completed a step that names it.
#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "harness/load/scenario/actor.hpp"

namespace revbench::load {

struct ScenarioRunOptions;

class Cast {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // Every actor of every group, its user's credentials and its connections.
  Cast(const Scenario& scenario, const ScenarioRunOptions& options, boost::asio::any_io_executor executor);

  std::vector<std::vector<Actor>>& groups() { return groups_; }
  Actor& peer(const Actor& me, const std::string& group);
  const Actor& peer(const Actor& me, const std::string& group) const;

  // A mark is when the step that names it answered; its start, when that step began.
  void record_mark(const Actor& actor, const std::string& mark, TimePoint when);
  void record_mark_start(const Actor& actor, const std::string& mark, TimePoint when);
  std::optional<TimePoint> mark_time(const Actor& me, const MarkRef& ref) const;
  std::optional<TimePoint> mark_start_time(const Actor& me, const MarkRef& ref) const;

 private:
  std::map<std::string, int> group_index_;
  std::vector<std::vector<Actor>> groups_;
  using MarkKey = std::tuple<int, int, std::string>;  // group, actor, mark
  std::optional<TimePoint> find(const std::map<MarkKey, TimePoint>& marks, const Actor& me, const MarkRef& ref) const;
  std::map<MarkKey, TimePoint> marks_;
  std::map<MarkKey, TimePoint> mark_starts_;
};

}  // namespace revbench::load

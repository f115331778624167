#include "harness/load/scenario/cast.hpp"

#include <tuple>

#include "harness/load/scenario/scenario_runner.hpp"

namespace revbench::load {

Cast::Cast(const Scenario& scenario, const ScenarioRunOptions& options, boost::asio::any_io_executor executor) {
  int next_user = 0;
  std::size_t next_home = 0;
  for (std::size_t g = 0; g < scenario.actors.size(); ++g) {
    const auto& group = scenario.actors[g];
    group_index_[group.name] = static_cast<int>(g);
    auto& members = groups_.emplace_back(static_cast<std::size_t>(group.count));
    for (int i = 0; i < group.count; ++i) {
      Actor& actor = members[static_cast<std::size_t>(i)];
      actor.group = &group;
      actor.group_index = static_cast<int>(g);
      actor.index = i;
      if (group.role == Role::user) std::tie(actor.user, actor.password) = options.credentials(next_user++);
      for (std::size_t slot = 0; slot < options.slots(); ++slot)
        actor.connections.push_back(std::make_unique<HttpConnection>(executor, options.target(slot), std::chrono::seconds(10)));
      actor.home = group.instance ? static_cast<std::size_t>(*group.instance - 1) % options.instances.size()
                   : options.balancer ? options.instances.size()
                                      : next_home++ % options.instances.size();
    }
  }
}

Actor& Cast::peer(const Actor& me, const std::string& group) {
  auto& members = groups_.at(static_cast<std::size_t>(group_index_.at(group)));
  return members[static_cast<std::size_t>(me.index) % members.size()];
}

const Actor& Cast::peer(const Actor& me, const std::string& group) const {
  return const_cast<Cast*>(this)->peer(me, group);
}

void Cast::record_mark(const Actor& actor, const std::string& mark, TimePoint when) {
  marks_[{actor.group_index, actor.index, mark}] = when;
}

void Cast::record_mark_start(const Actor& actor, const std::string& mark, TimePoint when) {
  mark_starts_[{actor.group_index, actor.index, mark}] = when;
}

std::optional<Cast::TimePoint> Cast::find(const std::map<MarkKey, TimePoint>& marks, const Actor& me,
                                          const MarkRef& ref) const {
  const Actor& other = peer(me, ref.actor);
  const auto found = marks.find({other.group_index, other.index, ref.mark});
  if (found == marks.end()) return std::nullopt;
  return found->second;
}

std::optional<Cast::TimePoint> Cast::mark_time(const Actor& me, const MarkRef& ref) const { return find(marks_, me, ref); }

std::optional<Cast::TimePoint> Cast::mark_start_time(const Actor& me, const MarkRef& ref) const {
  return find(mark_starts_, me, ref);
}

}  // namespace revbench::load

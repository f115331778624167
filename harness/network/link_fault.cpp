#include "harness/network/link_fault.hpp"

#include <utility>

#include "harness/contract/duration.hpp"
#include "harness/contract/name_table.hpp"

namespace revbench::network {
namespace {

constexpr std::pair<FaultAction, std::string_view> action_names[] = {{FaultAction::partition, "partition"},
                                                                     {FaultAction::reset, "reset"},
                                                                     {FaultAction::slow, "slow"},
                                                                     {FaultAction::limit_data, "limit-data"},
                                                                     {FaultAction::drop_response, "drop-response"}};
constexpr std::pair<Direction, std::string_view> direction_names[] = {{Direction::up, "up"}, {Direction::down, "down"}};

}  // namespace

std::string_view fault_action_name(FaultAction action) { return contract::name_in(action_names, action); }
std::optional<FaultAction> fault_action_named(std::string_view name) { return contract::value_in(action_names, name); }
std::vector<std::string_view> fault_action_names() {
  std::vector<std::string_view> names;
  for (const auto& [action, name] : action_names) names.push_back(name);
  return names;
}
std::string_view direction_name(Direction direction) { return contract::name_in(direction_names, direction); }
std::optional<Direction> direction_named(std::string_view name) { return contract::value_in(direction_names, name); }

std::optional<std::pair<Direction, std::uint64_t>> LinkFault::cut_after() const {
  if (action == FaultAction::limit_data) return std::pair{direction, bytes};
  if (action == FaultAction::drop_response) return std::pair{Direction::down, std::uint64_t{0}};
  return std::nullopt;
}

std::string describe(const LinkFault& fault) {
  std::string text(fault_action_name(fault.action));
  if (!fault.from.empty()) text += " from " + fault.from;
  if (fault.action == FaultAction::slow) text += " +" + contract::write_duration(fault.added_rtt);
  if (fault.action == FaultAction::limit_data)
    text += " " + std::string(direction_name(fault.direction)) + " " + std::to_string(fault.bytes) + " bytes";
  return text;
}

}  // namespace revbench::network

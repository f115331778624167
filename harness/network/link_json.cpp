#include "harness/network/link_json.hpp"

#include <arpa/inet.h>

#include <boost/json.hpp>

#include "harness/contract/duration.hpp"

namespace revbench::network {
namespace {

boost::json::object direction_json(const DirectionShape& shape) {
  return {{"latency_seconds", static_cast<double>(shape.latency.count()) / 1e9},
          {"jitter_seconds", static_cast<double>(shape.jitter.count()) / 1e9},
          {"jitter_distribution", jitter_name(shape.distribution)},
          {"bandwidth_bytes_per_second", shape.bandwidth}};
}

std::string joined(const std::vector<std::string_view>& names) {
  std::string text;
  for (const auto name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

bool is_ip_address(std::string_view text) {
  const std::string address(text);
  unsigned char parsed[16];
  return inet_pton(AF_INET, address.c_str(), parsed) == 1 || inet_pton(AF_INET6, address.c_str(), parsed) == 1;
}

}  // namespace

boost::json::object shape_json(const LinkShape& shape) {
  return {{"up", direction_json(shape.up)}, {"down", direction_json(shape.down)}, {"seed", shape.seed}};
}

boost::json::object fault_json(const LinkFault& fault) {
  boost::json::object json{{"action", fault_action_name(fault.action)}};
  if (fault.action == FaultAction::slow) json["rtt"] = contract::write_duration(fault.added_rtt);
  if (fault.action == FaultAction::limit_data) {
    json["direction"] = direction_name(fault.direction);
    json["bytes"] = fault.bytes;
  }
  if (!fault.from.empty()) json["from"] = fault.from;
  return json;
}

boost::json::object state_json(const LinkState& state) {
  boost::json::array faults;
  for (const auto& fault : state.faults) faults.push_back(fault_json(fault));
  const auto& c = state.counters;
  return {{"name", state.options.name},
          {"listen", state.options.listen_host + ":" + std::to_string(state.port)},
          {"upstream", state.options.upstream_host + ":" + std::to_string(state.options.upstream_port)},
          {"shape", shape_json(state.options.shape)},
          {"faults", std::move(faults)},
          {"connections", {{"accepted", c.accepted}, {"open", c.open}, {"reset", c.reset}, {"cut", c.cut}}},
          {"bytes", {{"up", c.bytes_up}, {"down", c.bytes_down}, {"held", c.bytes_held}}}};
}

std::variant<LinkFault, std::string> fault_from_json(const boost::json::value& value) {
  const auto* object = value.if_object();
  if (object == nullptr) return std::string("a fault is a JSON object such as {\"action\":\"partition\"}");
  const auto* action_value = object->if_contains("action");
  const auto* action_text = action_value == nullptr ? nullptr : action_value->if_string();
  const auto action = action_text == nullptr ? std::nullopt : fault_action_named(*action_text);
  if (!action) return "\"action\" must be one of " + joined(fault_action_names());
  LinkFault fault;
  fault.action = *action;
  for (const auto& [key, member] : *object) {
    if (key == "action") continue;
    if (fault.action == FaultAction::slow && key == "rtt") {
      const auto* text = member.if_string();
      const auto rtt = text == nullptr ? std::nullopt : contract::parse_duration(*text);
      if (!rtt) return "\"rtt\" must be a duration such as " + std::string(contract::duration_examples);
      fault.added_rtt = *rtt;
    } else if (fault.action == FaultAction::limit_data && key == "direction") {
      const auto* text = member.if_string();
      const auto direction = text == nullptr ? std::nullopt : direction_named(*text);
      if (!direction) return std::string("\"direction\" must be up or down");
      fault.direction = *direction;
    } else if (fault.action == FaultAction::partition && key == "from") {
      const auto* text = member.if_string();
      if (text == nullptr || !is_ip_address(*text)) return std::string("\"from\" must be an IP address, such as \"127.0.0.2\"");
      fault.from = std::string(*text);
    } else if (fault.action == FaultAction::limit_data && key == "bytes") {
      if (member.is_uint64()) {
        fault.bytes = member.as_uint64();
      } else if (member.is_int64() && member.as_int64() >= 0) {
        fault.bytes = static_cast<std::uint64_t>(member.as_int64());
      } else {
        return std::string("\"bytes\" must be a whole number, 0 or more");
      }
    } else {
      return "\"" + std::string(key) + "\" is not a member of a " + std::string(fault_action_name(fault.action)) + " fault";
    }
  }
  if (fault.action == FaultAction::slow && fault.added_rtt.count() == 0) return std::string("a slow fault needs \"rtt\", such as \"200ms\"");
  if (fault.action == FaultAction::limit_data && !object->contains("bytes"))
    return std::string("a limit-data fault needs \"bytes\" (and \"direction\", down unless given)");
  return fault;
}

}  // namespace revbench::network

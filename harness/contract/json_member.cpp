#include "harness/contract/json_member.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

namespace revbench::contract {
namespace {

std::optional<boost::json::object> object_of(std::string_view json_text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json_text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

}  // namespace

std::optional<std::string> string_member(const boost::json::object& object, std::string_view name) {
  const auto* member = object.if_contains(name);
  if (member == nullptr || !member->is_string()) return std::nullopt;
  return std::string(member->as_string());
}

std::optional<std::string> string_member(std::string_view json_text, std::string_view name) {
  const auto object = object_of(json_text);
  return object ? string_member(*object, name) : std::nullopt;
}

std::optional<double> number_member(std::string_view json_text, std::string_view name) {
  const auto object = object_of(json_text);
  const auto* member = object ? object->if_contains(name) : nullptr;
  if (member == nullptr || !member->is_number()) return std::nullopt;
  return member->to_number<double>();
}

}  // namespace revbench::contract

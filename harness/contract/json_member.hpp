#pragma once
// The one way the harness reads a member out of a JSON body or answer: a
// string member, or nothing when the text is not a JSON object, the member is
// missing or it is not a string.
#include <optional>
#include <string>
#include <string_view>

namespace boost::json {
class object;
}

namespace revbench::contract {

std::optional<std::string> string_member(const boost::json::object& object, std::string_view name);
std::optional<std::string> string_member(std::string_view json_text, std::string_view name);
// A number member (expires_in), or nothing.
std::optional<double> number_member(std::string_view json_text, std::string_view name);

}  // namespace revbench::contract

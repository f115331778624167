#pragma once
// A flat JSON object of strings written straight into its text: the answers
// built on every request need no document (its table, a copy of each value,
// then the serialization) to be written once.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace revbench::server {

// The same text boost::json::serialize gives for a json::object of these
// members, in this order.
std::string json_object_of_strings(std::initializer_list<std::pair<std::string_view, std::string_view>> members);

}  // namespace revbench::server

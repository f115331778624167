#pragma once
// A link and its faults as JSON: what the control API answers and takes,
// and what a results file records of the links a run went through.
#include <boost/json/value.hpp>

#include <string>
#include <variant>

#include "harness/network/tcp_link.hpp"

namespace revbench::network {

boost::json::object shape_json(const LinkShape& shape);
boost::json::object fault_json(const LinkFault& fault);
boost::json::object state_json(const LinkState& state);

// {"action":"partition"}, {"action":"slow","rtt":"200ms"},
// {"action":"limit-data","direction":"down","bytes":100}, {"action":"drop-response"};
// or why not, naming the member.
std::variant<LinkFault, std::string> fault_from_json(const boost::json::value& value);

}  // namespace revbench::network

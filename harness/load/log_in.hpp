#pragma once
// Blocking one-off requests, for the commands (outside any io thread): log
// in to get a token to send, check that a server answers.
#include <chrono>
#include <string>

#include "harness/load/http_connection.hpp"

namespace revbench::load {

LoadResponse send_once(const HttpTarget& target, const LoadRequest& request,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Which strategy a revbench server runs (its /healthz says), or "unknown".
std::string server_strategy(const HttpTarget& target);

// Logs in through POST /auth/login and returns the access token.
// Throws std::runtime_error with the server's answer when the login fails.
std::string log_in(const HttpTarget& target, const std::string& user, const std::string& password);

}  // namespace revbench::load

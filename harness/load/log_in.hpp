#pragma once
// Logs in through POST /auth/login and returns the access token: how the
// load commands get a token to send. Blocking; call it outside io threads.
#include <string>

#include "harness/load/http_connection.hpp"

namespace revbench::load {

// Throws std::runtime_error with the server's answer when the login fails.
std::string log_in(const HttpTarget& target, const std::string& user, const std::string& password);

}  // namespace revbench::load

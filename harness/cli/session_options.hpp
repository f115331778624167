#pragma once
// The flags `revbench run` and `revbench compare` share, into the session
// they describe (harness/session/session.hpp).
#include <memory>
#include <string>

#include "harness/session/session.hpp"

namespace CLI {
class App;
}

namespace revbench::cli {

// Registered on `command`, with their defaults (every strategy, the shipped scenario directory).
std::shared_ptr<session::SessionSpec> add_session_options(CLI::App& command, std::string kind, std::string command_line);

// Plays the session, stopping in order on SIGINT or SIGTERM; its exit code.
int play_session(const session::SessionSpec& spec);

}  // namespace revbench::cli

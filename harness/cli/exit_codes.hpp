#pragma once
// What revbench's exit status means, the same in every command; `revbench
// --help` prints it (exit_codes_help) and the README has the same table.
#include "harness/session/session.hpp"

namespace revbench::cli {

// Something outside the input failed: a store did not start, a server did not answer.
inline constexpr int failed = 1;
// The command line or an input file (a script, a results file, a threshold)
// is wrong: nothing ran, and the message names what to fix.
inline constexpr int bad_input = 2;

inline constexpr const char* exit_codes_help =
    "Exit status: 0 done (every promise kept, every threshold met); 1 something outside the input failed "
    "(a store did not start, a server did not answer); 2 a bad command line or input file (nothing ran); "
    "3 a --threshold violated; 4 a strategy broke its promise; 130 interrupted (SIGINT, SIGTERM: the results "
    "hold what completed, marked incomplete).";

static_assert(session::threshold_violated == 3 && session::promise_broken == 4 && session::interrupted == 130,
              "exit_codes_help states these");

}  // namespace revbench::cli

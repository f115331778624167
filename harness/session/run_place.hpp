#pragma once

namespace revbench::session {

// Where a run is in its session: its number of the session's count, and
// how long the runs after it should take (their scripts' phases, and what
// the runs so far took beyond theirs on average: servers starting, users
// logging in, steps finishing); a guess until the first run ends.
struct RunPlace {
  int number = 0;  // 1-based; 0: outside a session
  int count = 0;
  double seconds_after = 0;
};

}  // namespace revbench::session

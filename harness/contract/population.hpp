#pragma once
// What the stores hold before a run starts, so they are measured at the size
// a production has rather than empty: users who play no part (bystanders),
// sessions that stay live through the run, and revocations made before it
// that have not expired yet. A scenario's `population:` section, or
// `--users`, `--live-sessions` and `--prior-revocations`.
#include <string>

namespace revbench::contract {

struct Population {
  long long users = 0;              // bystanders: rows in the users table beside the actors' own
  long long live_sessions = 0;      // sessions of bystanders the strategy keeps state for
  long long prior_revocations = 0;  // revocations still in force when the run starts

  bool empty() const { return users == 0 && live_sessions == 0 && prior_revocations == 0; }
  bool operator==(const Population&) const = default;
  // "1000000 users, 0 live sessions, 5000000 prior revocations"
  std::string describe() const;
  // Whose the i-th (from 0) live session or prior revocation is: spread
  // evenly over the bystanders (there are some whenever there are sessions
  // or revocations: the session refuses a population without users).
  std::string holder(long long i) const;
  // How many distinct bystanders hold the first `count` of them.
  long long holders_of(long long count) const { return count < users ? count : users; }
};

// The most of each a population may ask for: what this machine's stores hold
// in memory, and what a results file's counts carry exactly.
inline constexpr long long population_limit = 100'000'000;

}  // namespace revbench::contract

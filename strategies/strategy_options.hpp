#pragma once
// Every knob a strategy takes, and the one table that spells them: the flag
// `serve`, `run` and `compare` take, its help, its unit and range, the member
// it sets and its key in a results file. The commands' flags, the fleet's
// argv and the results' config are all made from the table, so adding a knob
// is one member and one row.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "harness/jwt/algorithm.hpp"

namespace revbench::strategies {

struct StrategyOptions {
  std::chrono::seconds access_ttl{0};        // 0: the strategy's default
  std::chrono::seconds refresh_ttl{14 * 24 * 3600};
  std::chrono::seconds refresh_grace{0};     // refresh-rotation-grace/-replay: the window (0: 2 s), see refresh_rotation.hpp
  std::chrono::seconds rotation_overlap{0};  // secret-rotation: how long a rotated-out key still verifies
  std::chrono::seconds freshness{1};          // hybrid-freshness: tokens younger than this are not checked
  std::chrono::milliseconds clock_skew{250};  // how far instances' clocks may disagree: iat/nbf tolerance; not-before's margin
  bool fail_open = false;                    // redis-denylist: accept tokens when Redis is down
  // redis-denylist: after each deny write, WAIT until a replica has it, at
  // most this long (0: no WAIT); a write no replica took in time is refused.
  std::chrono::milliseconds wait_replica{0};
  jwt::Algorithm algorithm = jwt::Algorithm::HS256;
  // Not empty: signing keys derived from it (HS256), so every instance of a
  // fleet signs and verifies alike. Empty: random keys of this process.
  std::string signing_seed;
  // Not knobs: the server sets them from where its checks read
  // (--read-from replica), and the promises say what a replica's lag does.
  bool redis_reads_replica = false;
  bool pg_reads_replica = false;
};

struct StrategyKnob {
  using Member = std::variant<std::chrono::seconds StrategyOptions::*, std::chrono::milliseconds StrategyOptions::*,
                              bool StrategyOptions::*>;
  std::string_view flag;         // without the dashes: --refresh-grace
  std::string_view help;
  std::string_view results_key;  // in a results file's config; empty: not written there
  Member member;
  long min = 0;                  // durations: the range, in the member's unit
  long max = 0;
  bool per_scenario = false;     // each scenario sets it (access_ttl): `run` and `compare` take no flag
};

std::span<const StrategyKnob> strategy_knobs();

// A duration knob's unit as its bare numbers are read ("s", "ms"); empty for a switch.
std::string_view unit_of(const StrategyKnob& knob);
// Sets the knob from its flag's text (a duration, a bare number in its unit,
// or for a switch "true"/"false"); an error naming the flag and the value otherwise.
std::optional<std::string> set_knob(StrategyOptions& options, const StrategyKnob& knob, std::string_view text);
// The knob's value as its flag takes it back (seconds or milliseconds as a
// bare number, a switch as true/false).
std::string knob_text(const StrategyOptions& options, const StrategyKnob& knob);
// The flags that give another process these options (a fleet's instances):
// every knob, per-scenario ones included.
std::vector<std::string> knob_argv(const StrategyOptions& options);

}  // namespace revbench::strategies

#include "strategies/strategy_options.hpp"

#include "harness/contract/duration.hpp"

namespace revbench::strategies {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Every knob, in the order --help lists them.
const StrategyKnob table[] = {
    {"access-ttl", "Access token lifetime (bare numbers: seconds; 0: the strategy's default)", "",
     &StrategyOptions::access_ttl, 0, 365L * 24 * 3600, true},
    {"refresh-grace",
     "refresh-rotation-grace and -replay: how long a superseded token still refreshes (bare numbers: seconds; 0: 2 s)",
     "refresh_grace_seconds", &StrategyOptions::refresh_grace, 0, 24L * 3600},
    {"rotation-overlap", "secret-rotation: how long a rotated-out key still verifies (bare numbers: seconds)",
     "rotation_overlap_seconds", &StrategyOptions::rotation_overlap, 0, 30L * 24 * 3600},
    {"freshness",
     "hybrid-freshness: how long a token is trusted on its signature before the store is asked (bare numbers: seconds)",
     "freshness_seconds", &StrategyOptions::freshness, 0, 86400},
    {"clock-skew",
     "How far instances' clocks may disagree: a token minted up to this far ahead is not refused as not yet valid "
     "(exp is never stretched), and not-before's revocations reach that far back (bare numbers: milliseconds)",
     "clock_skew_ms",
     &StrategyOptions::clock_skew, 0, 60000},
    {"wait-replica",
     "redis-denylist: after each deny write, wait until a Redis replica has it (WAIT 1), at most this long, and refuse "
     "the revocation (503) when none took it in time (the store timeout, 1 s, cuts a longer wait); 0: no WAIT (bare "
     "numbers: milliseconds)",
     "wait_replica_ms", &StrategyOptions::wait_replica, 0, 60000},
    {"fail-open",
     "Accept tokens unchecked while Redis is down (counted): redis-denylist; and the in-memory strategies, whose "
     "memory is otherwise trusted only while their feed is fresh",
     "fail_open",
     &StrategyOptions::fail_open},
};

template <typename Unit>
std::optional<std::string> set_duration(StrategyOptions& options, const StrategyKnob& knob, Unit StrategyOptions::*member,
                                        std::string_view text) {
  const auto value = contract::parse_duration_or_number(text, unit_of(knob));
  const auto in_unit = value ? std::chrono::duration_cast<Unit>(*value) : Unit{};
  if (!value || in_unit.count() < knob.min || in_unit.count() > knob.max || Unit(in_unit) != *value)
    return "--" + std::string(knob.flag) + ": expected a duration like " + std::string(contract::duration_examples) +
           " in whole " + (unit_of(knob) == "s" ? "seconds" : "milliseconds") + ", from " + std::to_string(knob.min) +
           " to " + std::to_string(knob.max) + std::string(unit_of(knob)) + ", got '" + std::string(text) + "'";
  options.*member = in_unit;
  return std::nullopt;
}

}  // namespace

std::span<const StrategyKnob> strategy_knobs() { return table; }

std::string_view unit_of(const StrategyKnob& knob) {
  if (std::holds_alternative<seconds StrategyOptions::*>(knob.member)) return "s";
  if (std::holds_alternative<milliseconds StrategyOptions::*>(knob.member)) return "ms";
  return {};
}

std::optional<std::string> set_knob(StrategyOptions& options, const StrategyKnob& knob, std::string_view text) {
  if (const auto* member = std::get_if<seconds StrategyOptions::*>(&knob.member))
    return set_duration(options, knob, *member, text);
  if (const auto* member = std::get_if<milliseconds StrategyOptions::*>(&knob.member))
    return set_duration(options, knob, *member, text);
  const auto member = std::get<bool StrategyOptions::*>(knob.member);
  if (text == "true" || text.empty()) {
    options.*member = true;
  } else if (text == "false") {
    options.*member = false;
  } else {
    return "--" + std::string(knob.flag) + ": a switch takes no value, got '" + std::string(text) + "'";
  }
  return std::nullopt;
}

std::string knob_text(const StrategyOptions& options, const StrategyKnob& knob) {
  if (const auto* member = std::get_if<seconds StrategyOptions::*>(&knob.member))
    return std::to_string((options.**member).count());
  if (const auto* member = std::get_if<milliseconds StrategyOptions::*>(&knob.member))
    return std::to_string((options.**member).count());
  return options.*std::get<bool StrategyOptions::*>(knob.member) ? "true" : "false";
}

std::vector<std::string> knob_argv(const StrategyOptions& options) {
  std::vector<std::string> argv;
  for (const auto& knob : table) {
    if (std::holds_alternative<bool StrategyOptions::*>(knob.member)) {
      if (options.*std::get<bool StrategyOptions::*>(knob.member)) argv.push_back("--" + std::string(knob.flag));
      continue;
    }
    argv.push_back("--" + std::string(knob.flag));
    argv.push_back(knob_text(options, knob));
  }
  return argv;
}

}  // namespace revbench::strategies

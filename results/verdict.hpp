#pragma once
// Does a measured run keep the promise its strategy states for the scenario's
// event? The runner measures; this only compares (google/benchmark's split).
#include <chrono>
#include <string>
#include <optional>
#include <string_view>

#include "harness/contract/events.hpp"

#include "harness/load/scenario_stats.hpp"

namespace revbench::results {

struct Verdict {
  bool kept = true;
  std::string reason;  // one sentence with the figure it rests on
};

// `promise` is none when the scenario revokes nothing; `bound` is
// within_bound's promised worst lag.
Verdict judge(std::optional<contract::Promise> promise, const load::ScenarioStats& stats, std::chrono::seconds access_ttl,
              std::chrono::milliseconds bound = {});

}  // namespace revbench::results

#pragma once
// The table of strategies, chosen by name at run time (`revbench serve --strategy NAME`).
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/jwt/algorithm.hpp"
#include "strategies/strategy.hpp"

namespace revbench::strategies {

struct StrategyOptions {
  std::chrono::seconds access_ttl{0};        // 0: the strategy's default
  std::chrono::seconds refresh_ttl{14 * 24 * 3600};
  std::chrono::seconds refresh_grace{0};     // refresh-rotation-grace/-replay: the window (0: 2 s), see refresh_rotation.hpp
  std::chrono::seconds rotation_overlap{0};  // secret-rotation: how long a rotated-out key still verifies
  std::chrono::seconds freshness{1};          // hybrid-freshness: tokens younger than this are not checked
  std::chrono::milliseconds clock_skew{250};  // not-before: how far instances' clocks may disagree
  bool fail_open = false;                    // redis-denylist: accept tokens when Redis is down
  jwt::Algorithm algorithm = jwt::Algorithm::HS256;
  // Not empty: signing keys derived from it (HS256), so every instance of a
  // fleet signs and verifies alike. Empty: random keys of this process.
  std::string signing_seed;
};

const std::vector<std::string_view>& strategy_names();
// Throws std::invalid_argument naming the known strategies for an unknown name.
std::unique_ptr<Strategy> make_strategy(std::string_view name, const StrategyOptions& options);

}  // namespace revbench::strategies

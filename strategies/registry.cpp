#include "strategies/registry.hpp"

#include <stdexcept>
#include <string>

#include "strategies/allowlist.hpp"
#include "strategies/hybrid_freshness.hpp"
#include "strategies/local_denylist.hpp"
#include "strategies/not_before.hpp"
#include "strategies/per_user_secret.hpp"
#include "strategies/pg_token_version.hpp"
#include "strategies/redis_denylist.hpp"
#include "strategies/refresh_rotation.hpp"
#include "strategies/secret_rotation.hpp"
#include "strategies/short_ttl.hpp"

namespace revbench::strategies {
namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<Strategy> (*make)(const StrategyOptions&);
};

// Every strategy, in the order reports list them.
constexpr Entry table[] = {
    {"short-ttl", &make_short_ttl},
    {"redis-denylist", &make_redis_denylist},
    {"pg-token-version", &make_pg_token_version},
    {"refresh-rotation", &make_refresh_rotation},
    {"secret-rotation", &make_secret_rotation},
    {"allowlist", &make_allowlist},
    {"local-denylist", &make_local_denylist},
    {"not-before", &make_not_before},
    {"per-user-secret", &make_per_user_secret},
    {"refresh-rotation-grace", &make_refresh_rotation_grace},
    {"refresh-rotation-replay", &make_refresh_rotation_replay},
    {"refresh-rotation-lazy", &make_refresh_rotation_lazy},
    {"hybrid-freshness", &make_hybrid_freshness},
};

}  // namespace

const std::vector<std::string_view>& strategy_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& entry : table) out.push_back(entry.name);
    return out;
  }();
  return names;
}

std::unique_ptr<Strategy> make_strategy(std::string_view name, const StrategyOptions& options) {
  for (const auto& entry : table)
    if (entry.name == name) return entry.make(options);
  if (hybrid_freshness_bound(name)) return make_hybrid_freshness_named(name, options);
  std::string known;
  for (const auto& entry : table) known += (known.empty() ? "" : ", ") + std::string(entry.name);
  known += ", hybrid-freshness-<N>s";
  throw std::invalid_argument("unknown strategy '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace revbench::strategies

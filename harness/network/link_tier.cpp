#include "harness/network/link_tier.hpp"

#include <string>
#include <utility>

#include "harness/contract/name_table.hpp"

namespace revbench::network {
namespace {

constexpr std::pair<Tier, std::string_view> tier_names[] = {{Tier::client_server, "client-server"},
                                                            {Tier::server_redis, "server-redis"},
                                                            {Tier::server_postgres, "server-postgres"},
                                                            {Tier::subscriber_redis, "subscriber-redis"},
                                                            {Tier::redis_replication, "redis-replication"},
                                                            {Tier::postgres_replication, "postgres-replication"}};

}  // namespace

std::string_view tier_name(Tier tier) { return contract::name_in(tier_names, tier); }
std::optional<Tier> tier_named(std::string_view name) { return contract::value_in(tier_names, name); }
std::vector<Tier> all_tiers() { return contract::values_in(tier_names); }
std::string tier_list() {
  std::string text;
  for (const auto& [tier, name] : tier_names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

LinkSettingParse parse_link_setting(std::string_view text) {
  LinkSettingParse parsed;
  parsed.setting.text = std::string(text);
  const auto equals = text.find('=');
  if (equals == std::string_view::npos) {
    parsed.error = "expected TIER=SHAPE, e.g. server-redis=1ms";
    return parsed;
  }
  const auto tier = tier_named(text.substr(0, equals));
  if (!tier) {
    parsed.error = "unknown tier '" + std::string(text.substr(0, equals)) + "' (one of: " + tier_list() + ")";
    return parsed;
  }
  parsed.setting.tier = *tier;
  auto shape = parse_link_shape(text.substr(equals + 1));
  if (!shape.error.empty()) {
    parsed.error = shape.error;
    return parsed;
  }
  parsed.setting.shape = shape.shape;
  return parsed;
}

bool is_store_tier(Tier tier) {
  return tier == Tier::server_redis || tier == Tier::server_postgres || tier == Tier::subscriber_redis;
}
bool is_replication_tier(Tier tier) { return tier == Tier::redis_replication || tier == Tier::postgres_replication; }
bool is_behind_the_instances(Tier tier) { return tier != Tier::client_server; }

std::vector<LinkSetting> store_tier_links(const LinkShape& shape, std::string_view shape_text) {
  std::vector<LinkSetting> links;
  for (const auto tier : all_tiers())
    if (is_store_tier(tier)) links.push_back({tier, shape, std::string(tier_name(tier)) + "=" + std::string(shape_text)});
  return links;
}

}  // namespace revbench::network

#pragma once
// The tiers a run's links join, each named once: the generator to each
// server instance, each instance to Redis (its commands) and to PostgreSQL,
// and each instance's pub/sub subscriber to Redis, apart from its commands
// because a partition can cut one and not the other.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/network/link_shape.hpp"

namespace revbench::network {

// The replication tiers join a replica to its primary (the replica is the
// link's client, so the primary's stream flows down it).
enum class Tier { client_server, server_redis, server_postgres, subscriber_redis, redis_replication, postgres_replication };

std::string_view tier_name(Tier tier);
std::optional<Tier> tier_named(std::string_view name);
std::vector<Tier> all_tiers();
std::string tier_list();  // "client-server, server-redis, ...": for error messages

// A tier's link as a flag gives it: `server-redis=1ms±200us`.
struct LinkSetting {
  Tier tier = Tier::server_redis;
  LinkShape shape;
  std::string text;  // as given
};
struct LinkSettingParse {
  LinkSetting setting;
  std::string error;  // empty when parsed; else what is wrong, naming the tiers or the shape's part
};
LinkSettingParse parse_link_setting(std::string_view text);

// The tiers between an instance and its stores: what a store's distance moves.
bool is_store_tier(Tier tier);
// Between a store's primary and its replica.
bool is_replication_tier(Tier tier);
// Any tier but the generator's: revbench can place it only around stores it started.
bool is_behind_the_instances(Tier tier);
// One link of the shape on each store tier, each's text `TIER=SHAPE_TEXT`.
std::vector<LinkSetting> store_tier_links(const LinkShape& shape, std::string_view shape_text);

}  // namespace revbench::network

#pragma once
// How the embedded stores are replicated, and where a server reads from:
// the words `--redis-topology`, `--pg-topology`, `--read-from` and a
// script's `topology:` take, once. Replication is asynchronous unless said:
// a replica is behind its primary by the replication link's delay and what
// is still in flight on it, as in production.
#include <optional>
#include <string>
#include <string_view>

namespace revbench::store {

enum class RedisTopology {
  single,      // one redis-server
  replicated,  // a primary and one replica (REPLICAOF), asynchronous
};

enum class PgTopology {
  single,        // one cluster
  standby,       // a hot standby streaming from the primary (pg_basebackup), asynchronous
  standby_sync,  // the same, and every commit waits until the standby applied it (remote_apply)
};

// Where a server's hot-path reads go; writes always go to the primary.
enum class ReadFrom { primary, replica };

struct StoreTopology {
  RedisTopology redis = RedisTopology::single;
  PgTopology postgres = PgTopology::single;
  bool operator==(const StoreTopology&) const = default;
  // Both topologies that `a` or `b` needs: a session's stores serve every
  // script. The enums are ordered by what they start: more replicas, then a
  // stricter commit.
  static StoreTopology covering(const StoreTopology& a, const StoreTopology& b) {
    return {a.redis < b.redis ? b.redis : a.redis, a.postgres < b.postgres ? b.postgres : a.postgres};
  }
};

std::string_view name_of(RedisTopology topology);  // "single", "replicated"
std::string_view name_of(PgTopology topology);     // "single", "standby", "standby,sync"
std::string_view name_of(ReadFrom from);           // "primary", "replica"
std::optional<RedisTopology> redis_topology_named(std::string_view text);
std::optional<PgTopology> pg_topology_named(std::string_view text);
std::optional<ReadFrom> read_from_named(std::string_view text);

// Inline, as the above: a script's parser needs them, not the store clients.
inline bool has_redis_replica(const StoreTopology& topology) { return topology.redis != RedisTopology::single; }
inline bool has_pg_standby(const StoreTopology& topology) { return topology.postgres != PgTopology::single; }

}  // namespace revbench::store

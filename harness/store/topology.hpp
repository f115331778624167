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
  sentinel,    // a primary, two replicas and three Sentinels that fail over to a replica
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
};

std::string_view name_of(RedisTopology topology);  // "single", "replicated", "sentinel"
std::string_view name_of(PgTopology topology);     // "single", "standby", "standby,sync"
std::string_view name_of(ReadFrom from);           // "primary", "replica"
std::optional<RedisTopology> redis_topology_named(std::string_view text);
std::optional<PgTopology> pg_topology_named(std::string_view text);
std::optional<ReadFrom> read_from_named(std::string_view text);

// Inline, as the above: a script's parser needs them, not the store clients.
inline bool has_redis_replica(const StoreTopology& topology) { return topology.redis != RedisTopology::single; }
inline bool has_pg_standby(const StoreTopology& topology) { return topology.postgres != PgTopology::single; }
// A replica a server may read, and a replication link may delay: the
// replicated Redis's or the standby (Sentinel's replicas are there to be promoted).
inline bool has_readable_replica(const StoreTopology& topology) {
  return topology.redis == RedisTopology::replicated || has_pg_standby(topology);
}
// Servers find the Redis primary through Sentinels, and follow its failovers.
inline bool follows_sentinels(const StoreTopology& topology) { return topology.redis == RedisTopology::sentinel; }

}  // namespace revbench::store

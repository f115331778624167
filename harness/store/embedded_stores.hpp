#pragma once
// The stores a run uses: the URLs it was given, or embedded servers started
// for it, replicated as the topology says. Either way the schema is migrated
// before anything connects.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/store/embedded_postgres.hpp"
#include "harness/store/embedded_redis.hpp"
#include "harness/store/embedded_sentinel.hpp"
#include "harness/store/topology.hpp"

namespace revbench::store {

// Under Sentinel, the loopback address the Redis instances' peers (the
// replicas, the Sentinels) reach them from when they are reached through
// front links, apart from the servers' 127.0.0.1: what a partition between
// a primary and its peers cuts, the servers still reaching it.
inline constexpr const char* redis_peer_address = "127.0.0.2";

// Opens a link in front of the Redis on this loopback port and returns the
// link's port: how everyone is to reach that Redis.
using FrontLinkOpener = std::function<std::uint16_t(std::uint16_t port)>;

class Stores {
 public:
  // A topology other than single needs embedded stores: revbench starts the
  // replicas of what it started (std::invalid_argument otherwise). Under
  // Sentinel, with `front_link`, every Redis is known by the port of the
  // link opened in front of it, and its peers come from redis_peer_address.
  Stores(std::optional<std::string> redis_url, std::optional<std::string> pg_url, StoreTopology topology = {},
         FrontLinkOpener front_link = {});

  const std::string& redis_url() const { return redis_url_; }
  const std::string& pg_url() const { return pg_url_; }
  const StoreTopology& topology() const { return topology_; }
  EmbeddedRedis* embedded_redis() const { return redis_.get(); }
  EmbeddedPostgres* embedded_postgres() const { return postgres_.get(); }
  // The replicas a server may read, or null (and an empty URL) in a
  // topology without one (Sentinel's replicas are for failing over to).
  EmbeddedRedis* redis_replica() const { return redis_replica_.get(); }
  EmbeddedPostgres* pg_standby() const { return pg_standby_.get(); }
  std::string redis_replica_url() const;
  std::string pg_standby_url() const;

  // With a PostgreSQL standby, what a failover manager (Patroni, a managed
  // service) does when the primary dies: the primary killed, the standby
  // promoted at once; from then on the promoted one is the primary
  // (embedded_postgres(), pg_url()) and the dead one the standby, down until
  // rebuild_pg_standby() makes it one again from a new base backup (and,
  // under standby,sync, the new primary's commits wait for it again).
  void fail_postgres_over();
  void rebuild_pg_standby();
  // The URL a server that follows such a failover is given: both servers,
  // the primary first; libpq connects to the one that takes writes
  // (target_session_attrs=read-write).
  std::string pg_failover_url() const;
  // Every Redis of a replicated set refuses writes unless this many replicas
  // are caught up within a second (EmbeddedRedis::require_replicas_for_writes):
  // whichever is the primary, now or after a failover.
  void require_replicas_for_writes(int replicas);
  int replicas_for_writes() const { return replicas_for_writes_; }
  // Under Sentinel, before a run: waits until the Sentinels name a primary,
  // both other instances replicate from it, and every Sentinel finds both up
  // and knows the other two (after a failover the demoted primary is made a
  // replica seconds later; a run that fails the primary over again before
  // then finds no replica to promote). Throws after `limit`, saying what is missing.
  void settle_sentinels(std::chrono::seconds limit = std::chrono::seconds(30)) const;
  // Under Sentinel: the primary and its two replicas, as started.
  std::vector<EmbeddedRedis*> sentinel_watched() const;
  // Under Sentinel: the Redis the Sentinels name the primary now (after a
  // failover, the replica they promoted); otherwise the embedded Redis.
  // Blocking. Null when no Sentinel answers or it names none of ours.
  EmbeddedRedis* redis_primary_now() const;
  const std::vector<std::unique_ptr<EmbeddedSentinel>>& sentinels() const { return sentinels_; }

 private:
  void start_sentinels(const FrontLinkOpener& front_link);

  std::unique_ptr<EmbeddedRedis> redis_;
  std::unique_ptr<EmbeddedPostgres> postgres_;
  // After the primaries: the replicas stop first, and never retry a
  // primary that is gone.
  std::unique_ptr<EmbeddedRedis> redis_replica_;
  std::unique_ptr<EmbeddedPostgres> pg_standby_;
  std::vector<std::unique_ptr<EmbeddedRedis>> sentinel_replicas_;
  std::vector<std::unique_ptr<EmbeddedSentinel>> sentinels_;  // last: they stop first, and fail nothing over
  std::string redis_url_;
  std::string pg_url_;
  StoreTopology topology_;
  int replicas_for_writes_ = 0;
};

}  // namespace revbench::store

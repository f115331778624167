#pragma once
// The stores a run uses: the URLs it was given, or embedded servers started
// for it, replicated as the topology says. Either way the schema is migrated
// before anything connects.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/store/embedded_postgres.hpp"
#include "harness/store/embedded_redis.hpp"
#include "harness/store/embedded_sentinel.hpp"
#include "harness/store/topology.hpp"

namespace revbench::store {

class Stores {
 public:
  // A topology other than single needs embedded stores: revbench starts the
  // replicas of what it started (std::invalid_argument otherwise).
  Stores(std::optional<std::string> redis_url, std::optional<std::string> pg_url, StoreTopology topology = {});

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

  // Under Sentinel: the Redis the Sentinels name the primary now (after a
  // failover, the replica they promoted); otherwise the embedded Redis.
  // Blocking. Null when no Sentinel answers or it names none of ours.
  EmbeddedRedis* redis_primary_now() const;
  const std::vector<std::unique_ptr<EmbeddedSentinel>>& sentinels() const { return sentinels_; }

 private:
  void start_sentinels();

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
};

}  // namespace revbench::store

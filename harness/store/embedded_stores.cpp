#include "harness/store/embedded_stores.hpp"

#include <stdexcept>

#include "harness/store/migrations.hpp"

namespace revbench::store {

Stores::Stores(std::optional<std::string> redis_url, std::optional<std::string> pg_url, StoreTopology topology)
    : topology_(topology) {
  if (redis_url && has_redis_replica(topology))
    throw std::invalid_argument("--redis-topology " + std::string(name_of(topology.redis)) +
                                ": revbench replicates the Redis it starts; drop --redis-url");
  if (pg_url && has_pg_standby(topology))
    throw std::invalid_argument("--pg-topology " + std::string(name_of(topology.postgres)) +
                                ": revbench replicates the PostgreSQL it starts; drop --pg-url");
  if (redis_url) {
    redis_url_ = *redis_url;
  } else {
    redis_ = std::make_unique<EmbeddedRedis>();
    redis_url_ = redis_->url();
  }
  if (pg_url) {
    pg_url_ = *pg_url;
  } else {
    postgres_ = std::make_unique<EmbeddedPostgres>();
    pg_url_ = postgres_->url();
  }
  // The schema before the standby's base backup, so that the copy has it.
  apply_migrations(pg_url_);
  if (has_redis_replica(topology)) redis_replica_ = std::make_unique<EmbeddedRedis>(EmbeddedRedis::ReplicaOf{redis_->port()});
  if (has_pg_standby(topology))
    pg_standby_ = std::make_unique<EmbeddedPostgres>(
        EmbeddedPostgres::StandbyOf{*postgres_, topology.postgres == PgTopology::standby_sync});
}

std::string Stores::redis_replica_url() const { return redis_replica_ ? redis_replica_->url() : std::string(); }
std::string Stores::pg_standby_url() const { return pg_standby_ ? pg_standby_->url() : std::string(); }

}  // namespace revbench::store

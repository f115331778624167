#include "harness/store/embedded_stores.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "harness/store/migrations.hpp"
#include "harness/store/sentinel_lookup.hpp"

namespace revbench::store {

Stores::Stores(std::optional<std::string> redis_url, std::optional<std::string> pg_url, StoreTopology topology,
               FrontLinkOpener front_link)
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
  if (topology.redis == RedisTopology::replicated)
    redis_replica_ = std::make_unique<EmbeddedRedis>(EmbeddedRedis::ReplicaOf{redis_->port()});
  if (follows_sentinels(topology)) start_sentinels(front_link);
  if (has_pg_standby(topology))
    pg_standby_ = std::make_unique<EmbeddedPostgres>(
        EmbeddedPostgres::StandbyOf{*postgres_, topology.postgres == PgTopology::standby_sync});
}

void Stores::start_sentinels(const FrontLinkOpener& front_link) {
  const auto announce = [&front_link](EmbeddedRedis& redis) {
    if (front_link) redis.announce(front_link(redis.port()), redis_peer_address);
  };
  announce(*redis_);
  for (int i = 0; i < 2; ++i) {
    // Started on its own first: it must announce its link's port before it first greets the primary.
    auto replica = std::make_unique<EmbeddedRedis>();
    announce(*replica);
    replica->follow(redis_->announced_port());
    sentinel_replicas_.push_back(std::move(replica));
  }
  SentinelWatch watch;
  watch.primary_port = redis_->announced_port();
  if (front_link) watch.source_address = redis_peer_address;
  for (int i = 0; i < 3; ++i) sentinels_.push_back(std::make_unique<EmbeddedSentinel>(watch));
  // A failover needs the quorum to agree and a replica to promote: both
  // replicas in sync, and every Sentinel knowing both of them and both
  // other Sentinels (they learn of each other from hello messages every 2 s).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    bool ready = true;
    for (const auto& replica : sentinel_replicas_) ready = ready && replica->replicating();
    for (const auto& sentinel : sentinels_) {
      const auto known = sentinel->known();
      ready = ready && known && known->replicas == sentinel_replicas_.size() &&
              known->other_sentinels == sentinels_.size() - 1;
    }
    if (ready) break;
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("redis-sentinel: the replicas did not sync, or the three Sentinels did not learn of each other and both replicas, within 20 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string url = "redis-sentinel://";
  for (std::size_t i = 0; i < sentinels_.size(); ++i)
    url += (i == 0 ? "" : ",") + std::string("127.0.0.1:") + std::to_string(sentinels_[i]->port());
  redis_url_ = url + "/" + sentinels_.front()->watch().primary_name;
}

EmbeddedRedis* Stores::redis_primary_now() const {
  if (sentinels_.empty()) return redis_.get();
  // Sentinels hear of a failover one after the other: the one the most of
  // them name that says it is a primary (a killed primary back with its data
  // says so too until the Sentinels make it a replica: it has fewer votes).
  std::vector<std::pair<int, EmbeddedRedis*>> named;
  for (const auto& sentinel : sentinels_) {
    RedisConfig at;
    at.sentinels = {{"127.0.0.1", sentinel->port()}};
    at.primary_name = sentinel->watch().primary_name;
    const auto primary = primary_from_sentinels(at);
    if (!primary) continue;
    EmbeddedRedis* instance = nullptr;
    for (auto* watched : sentinel_watched())
      if (watched->announced_port() == primary->port) instance = watched;
    if (instance == nullptr) continue;
    auto counted = std::find_if(named.begin(), named.end(), [instance](const auto& n) { return n.second == instance; });
    if (counted == named.end())
      named.emplace_back(1, instance);
    else
      ++counted->first;
  }
  std::stable_sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [votes, instance] : named)
    if (instance->answers_as_primary()) return instance;
  return nullptr;
}

void Stores::settle_sentinels(std::chrono::seconds limit) const {
  if (sentinels_.empty()) return;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    std::string missing;
    const auto* primary = redis_primary_now();
    if (primary == nullptr) missing = "no primary the Sentinels agree on";
    for (const auto* redis : sentinel_watched())
      if (missing.empty() && redis != primary && !redis->replicating_from(primary->announced_port()))
        missing = "the Redis on port " + std::to_string(redis->port()) + " does not replicate from the primary";
    for (const auto& sentinel : sentinels_) {
      const auto known = sentinel->known();
      if (missing.empty() && (!known || known->replicas_up != sentinel_replicas_.size() ||
                              known->other_sentinels != sentinels_.size() - 1))
        missing = "the Sentinel on port " + std::to_string(sentinel->port()) + " does not find both replicas up";
    }
    if (missing.empty()) return;
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("redis-sentinel: not settled within " + std::to_string(limit.count()) + " s: " + missing);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void Stores::fail_postgres_over() {
  if (!postgres_ || !pg_standby_) throw std::logic_error("a PostgreSQL failover needs the embedded primary and its standby");
  postgres_->kill();
  pg_standby_->promote();
  std::swap(postgres_, pg_standby_);
  pg_url_ = postgres_->url();
}

void Stores::rebuild_pg_standby() {
  pg_standby_->rebuild_as_standby_of(*postgres_);
  if (topology_.postgres == PgTopology::standby_sync) postgres_->wait_for_standby_on_commit();
}

std::string Stores::pg_failover_url() const {
  if (!postgres_ || !pg_standby_) return pg_url_;
  return "postgresql://revbench@127.0.0.1:" + std::to_string(postgres_->port()) + ",127.0.0.1:" +
         std::to_string(pg_standby_->port()) + "/revbench?target_session_attrs=read-write";
}

std::vector<EmbeddedRedis*> Stores::sentinel_watched() const {
  std::vector<EmbeddedRedis*> watched;
  if (sentinels_.empty()) return watched;
  watched.push_back(redis_.get());
  for (const auto& replica : sentinel_replicas_) watched.push_back(replica.get());
  return watched;
}

void Stores::require_replicas_for_writes(int replicas) {
  if (!has_redis_replica(topology_))
    throw std::invalid_argument("--min-replicas-to-write: the Redis has no replica to wait for; give --redis-topology replicated or sentinel");
  for (auto* redis : {redis_.get(), redis_replica_.get()})
    if (redis != nullptr) redis->require_replicas_for_writes(replicas);
  for (const auto& replica : sentinel_replicas_) replica->require_replicas_for_writes(replicas);
  replicas_for_writes_ = replicas;
}

std::string Stores::redis_replica_url() const { return redis_replica_ ? redis_replica_->url() : std::string(); }
std::string Stores::pg_standby_url() const { return pg_standby_ ? pg_standby_->url() : std::string(); }

}  // namespace revbench::store

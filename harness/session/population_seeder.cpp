#include "harness/session/population_seeder.hpp"

#include <chrono>
#include <stdexcept>

#include "harness/contract/seeded_users.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/store/blocking_pg.hpp"
#include "harness/store/blocking_redis.hpp"
#include "harness/store/embedded_redis.hpp"
#include "harness/store/embedded_stores.hpp"
#include "harness/store/redis_bulk_writer.hpp"
#include "harness/store/redis_config.hpp"
#include "strategies/strategy.hpp"

namespace revbench::session {
namespace {

// The tables a population writes to, with their indexes.
constexpr const char* tables_size =
    "SELECT pg_total_relation_size('users') + pg_total_relation_size('refresh_families') + "
    "pg_total_relation_size('refresh_tokens')";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Where the population's writes go: the primary, wherever it is now.
store::RedisEndpoint redis_primary(const store::Stores& stores) {
  if (stores.embedded_redis() != nullptr) {
    const auto* primary = stores.redis_primary_now();
    if (primary == nullptr) throw std::runtime_error("population: no Redis primary the Sentinels agree on");
    return {"127.0.0.1", primary->port()};
  }
  const auto config = store::parse_redis_url(stores.redis_url());
  if (config.follows_sentinels())
    throw std::invalid_argument("population: give the Redis primary as redis://host:port, not its Sentinels");
  return {config.host, config.port};
}

// INFO memory's used_memory and DBSIZE.
std::pair<long long, long long> redis_weight(const store::RedisEndpoint& at) {
  const auto context = store::connect_blocking(at.host, at.port, std::chrono::seconds(5));
  if (!context) throw std::runtime_error("population: the Redis at " + at.host + ":" + std::to_string(at.port) + " does not answer");
  long long used = 0;
  const auto info = store::ask(context.get(), "INFO memory");
  if (info && info->type == REDIS_REPLY_STRING) {
    const std::string text(info->str, info->len);
    if (const auto at_field = text.find("used_memory:"); at_field != std::string::npos)
      used = std::stoll(text.substr(at_field + 12));
  }
  const auto keys = store::ask(context.get(), "DBSIZE");
  return {used, keys && keys->type == REDIS_REPLY_INTEGER ? keys->integer : 0};
}

}  // namespace

PopulationSeeder::PopulationSeeder(store::Stores& stores, contract::Population population, int password_iterations)
    : stores_(stores), population_(population), password_iterations_(password_iterations) {}

long long PopulationSeeder::seed_users() {
  const auto start = std::chrono::steady_clock::now();
  store::BlockingPg pg(stores_.pg_url());
  const long long there =
      pg.scalar("SELECT count(*) FROM users WHERE name LIKE $1", {std::string(contract::bystander_prefix) + "%"});
  long long added = 0;
  if (there < population_.users) {
    // One hash for every bystander: they share a password (contract/seeded_users.hpp).
    const std::string hash = server::hash_password(contract::bystander_password, password_iterations_);
    store::BlockingPg::CopyIn copy(pg, "COPY users (name, password_hash) FROM STDIN");
    for (long long i = there + 1; i <= population_.users; ++i) copy.row({contract::bystander(i), hash});
    added = copy.finish();
    // As a production's table is: vacuumed and analysed. Otherwise autovacuum
    // reads it all during some later run, and that run's buffer hits are its.
    pg.execute("VACUUM (ANALYZE) users");
  }
  users_seconds_ = seconds_since(start);
  return added;
}

results::PopulationRecord PopulationSeeder::before_run(const strategies::Strategy& strategy) {
  const auto redis_at = redis_primary(stores_);
  const std::string name(strategy.state_layout());
  auto written = written_.find(name);
  if (written == written_.end()) {
    const auto start = std::chrono::steady_clock::now();
    const auto before = redis_weight(redis_at).first;
    store::RedisBulkWriter redis(redis_at.host, redis_at.port);
    store::BlockingPg pg(stores_.pg_url());
    const long long pg_before = pg.scalar(tables_size);
    strategies::PopulationStores where{
        redis, pg, std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count()};
    const auto kept = strategy.populate(population_, where);
    redis.finish();
    Written w{kept.live_sessions, kept.prior_revocations, seconds_since(start), redis_weight(redis_at).first - before,
              pg.scalar(tables_size) - pg_before};
    written = written_.emplace(name, w).first;
  }
  results::PopulationRecord record;
  record.asked = population_;
  record.live_sessions_kept = written->second.live_sessions_kept;
  record.prior_revocations_kept = written->second.prior_revocations_kept;
  record.strategy_seconds = written->second.seconds;
  record.redis_strategy_bytes = written->second.redis_bytes;
  record.pg_strategy_bytes = written->second.pg_bytes;
  if (!users_reported_) record.users_seconds = users_seconds_;
  users_reported_ = true;
  std::tie(record.redis_used_memory_bytes, record.redis_keys) = redis_weight(redis_at);
  store::BlockingPg pg(stores_.pg_url());
  record.pg_users_bytes = pg.scalar("SELECT pg_total_relation_size('users')");
  record.pg_refresh_bytes =
      pg.scalar("SELECT pg_total_relation_size('refresh_families') + pg_total_relation_size('refresh_tokens')");
  record.pg_shared_buffers_bytes =
      pg.scalar("SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers'");
  at_start_ = block_reads();
  return record;
}

void PopulationSeeder::after_run(results::PopulationRecord& record) const {
  const auto now = block_reads();
  const long long hit = now.hit - at_start_.hit;
  const long long read = now.read - at_start_.read;
  if (hit + read > 0) record.pg_buffer_hit_ratio = static_cast<double>(hit) / static_cast<double>(hit + read);
}

PopulationSeeder::BlockReads PopulationSeeder::block_reads() const {
  store::BlockingPg pg(stores_.pg_url());
  // Other backends report their counts when idle, at most a second late.
  const auto rows = pg.query("SELECT blks_hit, blks_read FROM pg_stat_database WHERE datname = current_database()");
  if (rows.empty() || rows[0].size() != 2) return {};
  return {std::stoll(rows[0][0]), std::stoll(rows[0][1])};
}

}  // namespace revbench::session

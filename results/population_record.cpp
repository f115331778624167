#include "results/population_record.hpp"

namespace revbench::results {
namespace {

namespace json = boost::json;

// The members, each spelled once for the writer and the reader.
namespace key {
constexpr const char* users = "users";
constexpr const char* live_sessions = "live_sessions";
constexpr const char* prior_revocations = "prior_revocations";
constexpr const char* kept = "kept";
constexpr const char* users_written_seconds = "users_written_seconds";
constexpr const char* strategy_written_seconds = "strategy_written_seconds";
constexpr const char* redis = "redis";
constexpr const char* used_memory_bytes = "used_memory_bytes";
constexpr const char* strategy_bytes = "strategy_bytes";
constexpr const char* keys = "keys";
constexpr const char* postgres = "postgres";
constexpr const char* users_bytes = "users_bytes";
constexpr const char* refresh_bytes = "refresh_bytes";
constexpr const char* shared_buffers_bytes = "shared_buffers_bytes";
constexpr const char* buffer_hit_ratio = "buffer_hit_ratio";
}  // namespace key

long long integer(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}
double number(const json::object& o, const char* name) {
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_number() ? v->to_number<double>() : 0.0;
}
const json::object& object(const json::object& o, const char* name) {
  static const json::object none;
  const auto* v = o.if_contains(name);
  return v != nullptr && v->is_object() ? v->as_object() : none;
}

}  // namespace

json::object population_to_json(const PopulationRecord& p) {
  json::object postgres{{key::strategy_bytes, p.pg_strategy_bytes},
                        {key::users_bytes, p.pg_users_bytes},
                        {key::refresh_bytes, p.pg_refresh_bytes},
                        {key::shared_buffers_bytes, p.pg_shared_buffers_bytes}};
  if (p.pg_buffer_hit_ratio) postgres[key::buffer_hit_ratio] = *p.pg_buffer_hit_ratio;
  return {{key::users, p.asked.users},
          {key::live_sessions, p.asked.live_sessions},
          {key::prior_revocations, p.asked.prior_revocations},
          {key::kept, {{key::live_sessions, p.live_sessions_kept}, {key::prior_revocations, p.prior_revocations_kept}}},
          {key::users_written_seconds, p.users_seconds},
          {key::strategy_written_seconds, p.strategy_seconds},
          {key::redis,
           {{key::used_memory_bytes, p.redis_used_memory_bytes},
            {key::strategy_bytes, p.redis_strategy_bytes},
            {key::keys, p.redis_keys}}},
          {key::postgres, std::move(postgres)}};
}

PopulationRecord population_from_json(const json::object& o) {
  PopulationRecord p;
  p.asked = {integer(o, key::users), integer(o, key::live_sessions), integer(o, key::prior_revocations)};
  const auto& kept = object(o, key::kept);
  p.live_sessions_kept = integer(kept, key::live_sessions);
  p.prior_revocations_kept = integer(kept, key::prior_revocations);
  p.users_seconds = number(o, key::users_written_seconds);
  p.strategy_seconds = number(o, key::strategy_written_seconds);
  const auto& redis = object(o, key::redis);
  p.redis_used_memory_bytes = integer(redis, key::used_memory_bytes);
  p.redis_strategy_bytes = integer(redis, key::strategy_bytes);
  p.redis_keys = integer(redis, key::keys);
  const auto& postgres = object(o, key::postgres);
  p.pg_strategy_bytes = integer(postgres, key::strategy_bytes);
  p.pg_users_bytes = integer(postgres, key::users_bytes);
  p.pg_refresh_bytes = integer(postgres, key::refresh_bytes);
  p.pg_shared_buffers_bytes = integer(postgres, key::shared_buffers_bytes);
  if (postgres.contains(key::buffer_hit_ratio)) p.pg_buffer_hit_ratio = number(postgres, key::buffer_hit_ratio);
  return p;
}

}  // namespace revbench::results

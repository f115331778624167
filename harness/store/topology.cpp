#include "harness/store/topology.hpp"

namespace revbench::store {

std::string_view name_of(RedisTopology topology) {
  switch (topology) {
    case RedisTopology::single: return "single";
    case RedisTopology::replicated: return "replicated";
    case RedisTopology::sentinel: return "sentinel";
  }
  return "single";
}

std::string_view name_of(PgTopology topology) {
  switch (topology) {
    case PgTopology::single: return "single";
    case PgTopology::standby: return "standby";
    case PgTopology::standby_sync: return "standby,sync";
  }
  return "single";
}

std::string_view name_of(ReadFrom from) { return from == ReadFrom::replica ? "replica" : "primary"; }

std::optional<RedisTopology> redis_topology_named(std::string_view text) {
  for (auto t : {RedisTopology::single, RedisTopology::replicated, RedisTopology::sentinel})
    if (text == name_of(t)) return t;
  return std::nullopt;
}

std::optional<PgTopology> pg_topology_named(std::string_view text) {
  for (auto t : {PgTopology::single, PgTopology::standby, PgTopology::standby_sync})
    if (text == name_of(t)) return t;
  return std::nullopt;
}

std::optional<ReadFrom> read_from_named(std::string_view text) {
  for (auto f : {ReadFrom::primary, ReadFrom::replica})
    if (text == name_of(f)) return f;
  return std::nullopt;
}


}  // namespace revbench::store

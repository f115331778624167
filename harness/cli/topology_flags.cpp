#include "harness/cli/topology_flags.hpp"

#include <CLI/CLI.hpp>

#include <vector>

#include "harness/store/topology.hpp"

namespace revbench::cli {
namespace {

template <typename Enum>
std::vector<std::string> names_of(std::initializer_list<Enum> values) {
  std::vector<std::string> names;
  for (auto v : values) names.emplace_back(store::name_of(v));
  return names;
}

}  // namespace

void add_topology_flags(CLI::App& command, const TopologyFlags& flags) {
  using namespace store;
  command
      .add_option("--redis-topology", flags.redis,
                  "The embedded Redis: single, replicated (a primary and an asynchronous replica) or sentinel (a "
                  "primary, two replicas and three Sentinels that fail over; servers follow the primary they name); "
                  "replaces a script's topology.redis")
      ->check(CLI::IsMember(names_of({RedisTopology::single, RedisTopology::replicated, RedisTopology::sentinel})));
  command
      .add_option("--pg-topology", flags.postgres,
                  "The embedded PostgreSQL: single, standby (a hot standby streaming from it, asynchronous) or "
                  "standby,sync (every commit waits until the standby applied it: remote_apply); replaces a script's "
                  "topology.postgres")
      ->check(CLI::IsMember(names_of({PgTopology::single, PgTopology::standby, PgTopology::standby_sync})));
  command
      .add_option("--read-from", flags.read_from,
                  "Where the checks on the hot path read (redis-denylist's deny-list, pg-token-version's version): "
                  "primary, or replica (writes still go to the primaries); replaces a script's topology.read_from")
      ->check(CLI::IsMember(names_of({ReadFrom::primary, ReadFrom::replica})));
  command
      .add_option("--min-replicas-to-write", flags.min_replicas_to_write,
                  "Every Redis of a replicated or Sentinel set refuses writes (NOREPLICAS: 503) unless this many "
                  "replicas acknowledged its stream within the last second (min-replicas-to-write, "
                  "min-replicas-max-lag 1): a primary cut off from its replicas stops acknowledging revocations; "
                  "0: never refuse")
      ->check(CLI::Range(0, 2));
}

}  // namespace revbench::cli

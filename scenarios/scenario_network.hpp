#pragma once
// What a script says of the network its runs cross: the links its runs put
// on their tiers (`network: {links: {server-redis: 1ms}}`), and the link
// faults of its phases (`faults: [{phase: p, link: server-redis, action:
// partition}]`). Apart from the plan the actors play (load/), which knows
// nothing of links: the session puts the links in place and switches the
// faults as the phases start.
#include <optional>
#include <string>
#include <vector>

#include "harness/contract/population.hpp"
#include "harness/load/scenario/plan.hpp"
#include "harness/network/link_fault.hpp"
#include "harness/network/link_shape.hpp"
#include "harness/network/link_tier.hpp"
#include "harness/network/balancing.hpp"
#include "harness/store/topology.hpp"

namespace revbench::scenarios {

// A fault on the links of a tier for the whole of one phase, every
// instance's or one's; lifted (the link healed) when the phase ends.
struct LinkPhaseFault {
  std::string phase;
  network::Tier tier = network::Tier::server_redis;
  network::LinkFault fault;
  int instance = 0;  // 1-based: only this instance's link of the tier; 0: every link of the tier
};

// A link a fault cuts, so the run must put one there even unshaped: the
// tier's (instance 0), or one instance's own.
struct FaultedLink {
  network::Tier tier;
  int instance = 0;
  bool operator==(const FaultedLink&) const = default;
};

// Where a run's parts are (`network: {regions: ...}`): the stores in one
// region, each instance in one, and the round trip between two regions. An
// instance in another region than the stores reaches them, commands and
// subscriber alike, through links of that round trip; one in the stores'
// region through the tiers' own links. The generator's users are near the
// instance they use: the client-server tier does not cross regions.
struct Regions {
  struct Distance {
    std::string a, b;
    network::LinkShape shape;
    std::string text;  // as given: "40ms±2ms"
  };
  std::string stores;
  std::vector<std::string> instances;  // instance i's region; instances past the list are in the stores'
  std::vector<Distance> distances;

  // Between instance i (0-based) and the stores, or null in the same region.
  const Distance* to_stores(std::size_t instance) const;
};

// One distance of a sweep (`network: {store_rtt: [0, 1ms, 5ms]}`, or
// `--store-rtt`): the store tiers' links of this shape, none at 0.
struct StoreRttPoint {
  std::string text;  // as given: "250us"; runs and reports name the point by it
  network::LinkShape shape;
};

// One delay of a replication sweep (`network: {replica_delay: [0, 1ms,
// 10ms]}`): how far behind its primary each replica is, one way; the
// replication tiers' links get twice it as their round trip.
struct ReplicaDelayPoint {
  std::string text;  // as given: "10ms"
  std::chrono::nanoseconds delay{0};
};

struct ScenarioNetwork {
  std::vector<network::LinkSetting> links;  // a `--link` on the same tier replaces the script's
  std::vector<LinkPhaseFault> faults;
  std::optional<Regions> regions;
  std::vector<StoreRttPoint> store_rtts;  // the script runs once at each; a `--store-rtt` replaces them
  std::vector<ReplicaDelayPoint> replica_delays;  // the script runs once at each

  // The links needed even when none is shaped: those a fault cuts.
  std::vector<FaultedLink> faulted_links() const;
};

// A pass/fail criterion a script sets on its own runs (`thresholds:
// [p99<5ms]`), judged as `--threshold` is; the session parses it (results/
// knows the metrics), naming `where` when it is wrong.
struct ScriptThreshold {
  std::string text;
  std::string where;  // file:line:col: thresholds[i]
};

// Which stores a script's runs need and where their checks read
// (`topology: {redis: replicated, postgres: standby, read_from: replica,
// balancer: haproxy:sticky}`); `--redis-topology`, `--pg-topology`,
// `--read-from` and `--balancer` replace it.
struct ScriptTopology {
  store::StoreTopology stores;
  store::ReadFrom read_from = store::ReadFrom::primary;
  network::Balancing balancing = network::Balancing::none;  // `balancer:`, in front of the instances
  // `balancer: [haproxy:roundrobin, haproxy:sticky]`: one run behind each,
  // a sweep like network.store_rtt's; empty: `balancing` alone.
  std::vector<network::Balancing> balancer_sweep;
};

// A script as the session runs it: the actors' plan, the network's, its
// topology, and its thresholds.
struct Script {
  load::Scenario scenario;
  ScenarioNetwork network;
  ScriptTopology topology;
  // The strategies the script is about (`strategies: [redis-denylist]`):
  // a session plays it on those it runs only; empty: on every one.
  std::vector<std::string> strategies;
  std::vector<ScriptThreshold> thresholds;
  // What the stores hold before the run (`population: {users, live_sessions,
  // prior_revocations}`); `--users`, `--live-sessions` and
  // `--prior-revocations` replace its numbers.
  contract::Population population;
};

}  // namespace revbench::scenarios

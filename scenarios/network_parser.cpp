#include "scenarios/network_parser.hpp"

#include <algorithm>

namespace revbench::scenarios {
namespace {

std::vector<std::string_view> tier_names() {
  std::vector<std::string_view> names;
  for (const auto t : network::all_tiers()) names.push_back(network::tier_name(t));
  return names;
}

}  // namespace

std::string the_script_lacks(int instance, int instances) {
  return "instance " + std::to_string(instance) + " of " + std::to_string(instances) + ": give the script `instances: " +
         std::to_string(instance) + "` or more";
}

ScenarioNetwork NetworkParser::network(const YAML::Node& node, int instances) const {
  read_.check_keys({node, "network"}, {"links", "regions", "store_rtt", "replica_delay"});
  ScenarioNetwork network;
  if (node["links"]) network.links = links(node["links"]);
  if (node["regions"]) network.regions = regions(node["regions"], instances);
  if (node["store_rtt"]) network.store_rtts = store_rtts({node["store_rtt"], "network.store_rtt"}, network);
  if (node["replica_delay"]) network.replica_delays = replica_delays({node["replica_delay"], "network.replica_delay"}, network);
  return network;
}

// `network.replica_delay: [0, 1ms, 10ms]`: how far behind their primaries
// the replicas are, one run each. The sweep owns the replication tiers'
// links; one sweep a script, so that every run differs from the next in one thing.
std::vector<ReplicaDelayPoint> NetworkParser::replica_delays(const Field& f, const ScenarioNetwork& network) const {
  if (!f.node.IsSequence() || f.node.size() < 2)
    read_.fail(f.node, f.path, "expected a list of two delays or more, such as [0, 1ms, 10ms]");
  if (!network.store_rtts.empty()) read_.fail(f.node, f.path, "a script sweeps one thing: network.store_rtt is given already");
  for (const auto& link : network.links)
    if (network::is_replication_tier(link.tier))
      read_.fail(f.node, f.path, "the sweep sets the replication tiers' links: network.links." +
                               std::string(network::tier_name(link.tier)) + " cannot be given beside it");
  std::vector<ReplicaDelayPoint> points;
  for (std::size_t i = 0; i < f.node.size(); ++i) {
    const Field point{f.node[i], f.path + "[" + std::to_string(i) + "]"};
    // Read as a link's figure (so `0` needs no unit), then taken as the delay.
    const auto given = shape(point);
    if (given.up.jitter.count() != 0 || given.up.bandwidth != 0)
      read_.fail(point.node, point.path, "a replica's delay is one figure, such as 10ms (no jitter or bandwidth)");
    ReplicaDelayPoint parsed{read_.scalar(point), given.round_trip_time()};
    for (const auto& other : points)
      if (other.delay == parsed.delay)
        read_.fail(point.node, point.path, "'" + parsed.text + "' is the same delay as '" + other.text + "', given before");
    points.push_back(std::move(parsed));
  }
  return points;
}

LinkPhaseFault NetworkParser::link_fault(const Field& f, const std::string& phase, const std::vector<LinkPhaseFault>& earlier,
                                       int instances) const {
  read_.check_keys(f, {"phase", "link", "action", "rtt", "direction", "bytes", "instance"});
  LinkPhaseFault fault{phase, tier({f.node["link"], FieldReader::join(f.path, "link")}), {}};
  if (f.node["instance"]) {
    const Field instance{f.node["instance"], FieldReader::join(f.path, "instance")};
    fault.instance = static_cast<int>(read_.integer(instance, 1, 16));
    if (fault.instance > instances)
      read_.fail(instance.node, instance.path, the_script_lacks(fault.instance, instances));
  }
  const Field action{f.node["action"], FieldReader::join(f.path, "action")};
  const auto named = network::fault_action_named(read_.scalar(action));
  if (!named) {
    std::string known;
    for (const auto n : network::fault_action_names()) known += (known.empty() ? "" : ", ") + std::string(n);
    read_.fail(action.node, action.path, "expected one of " + known + " (kill and stop fail a store, not a link)");
  }
  fault.fault.action = *named;
  const bool slow = *named == network::FaultAction::slow, limit = *named == network::FaultAction::limit_data;
  if (f.node["rtt"] && !slow) read_.fail(f.node["rtt"], FieldReader::join(f.path, "rtt"), "only a slow fault adds a round trip");
  if ((f.node["bytes"] || f.node["direction"]) && !limit)
    read_.fail(f.node["bytes"] ? f.node["bytes"] : f.node["direction"], f.path, "only a limit-data fault takes bytes and a direction");
  if (slow) {
    if (!f.node["rtt"]) read_.fail(f.node, f.path, "a slow fault needs the round trip it adds: rtt: 50ms");
    fault.fault.added_rtt = read_.duration({f.node["rtt"], FieldReader::join(f.path, "rtt")});
  }
  if (limit) {
    if (!f.node["bytes"]) read_.fail(f.node, f.path, "a limit-data fault needs the bytes a connection may carry: bytes: 100");
    fault.fault.bytes = static_cast<std::uint64_t>(read_.integer({f.node["bytes"], FieldReader::join(f.path, "bytes")}, 0, 1L << 40));
    if (f.node["direction"])
      fault.fault.direction = read_.choice<network::Direction>({f.node["direction"], FieldReader::join(f.path, "direction")},
                                                         {{"up", network::Direction::up}, {"down", network::Direction::down}});
  }
  for (const auto& other : earlier)
    if (other.phase == phase && other.tier == fault.tier && other.fault.action == fault.fault.action &&
        (other.instance == 0 || fault.instance == 0 || other.instance == fault.instance))
      read_.fail(f.node, f.path, "phase '" + phase + "' already puts that fault on that link");
  return fault;
}

network::Tier NetworkParser::tier(const Field& f) const {
  const auto text = read_.scalar(f);
  const auto named = network::tier_named(text);
  if (!named) read_.fail(f.node, f.path, "unknown link '" + text + "' (one of: " + network::tier_list() + ")");
  return *named;
}

// `network.links: {TIER: SHAPE, ...}`.
std::vector<network::LinkSetting> NetworkParser::links(const YAML::Node& links) const {
  std::vector<network::LinkSetting> settings;
  read_.check_keys({links, "network.links"}, tier_names());
  for (const auto& entry : links) {
    const auto key = entry.first.as<std::string>();
    const Field shape_field{entry.second, "network.links." + key};
    const auto text = read_.scalar(shape_field);
    settings.push_back({*network::tier_named(key), shape(shape_field), key + "=" + text});
  }
  return settings;
}

// `network.store_rtt: [0, 250us, 1ms, 5ms]`: the stores' distances the
// script runs at, one run each. The sweep owns the store tiers' links, so
// it cannot share them with the script's links or regions.
std::vector<StoreRttPoint> NetworkParser::store_rtts(const Field& f, const ScenarioNetwork& network) const {
  if (!f.node.IsSequence() || f.node.size() < 2)
    read_.fail(f.node, f.path, "expected a list of two round trips or more, such as [0, 250us, 1ms, 5ms]");
  for (const auto& link : network.links)
    if (network::is_store_tier(link.tier))
      read_.fail(f.node, f.path, "the sweep sets the store tiers' links: network.links." +
                               std::string(network::tier_name(link.tier)) + " cannot be given beside it");
  if (network.regions) read_.fail(f.node, f.path, "the sweep moves the stores for every instance: network.regions cannot be given beside it");
  std::vector<StoreRttPoint> points;
  for (std::size_t i = 0; i < f.node.size(); ++i) {
    const Field point{f.node[i], f.path + "[" + std::to_string(i) + "]"};
    StoreRttPoint parsed{read_.scalar(point), shape(point)};
    for (const auto& other : points)
      if (other.shape == parsed.shape)
        read_.fail(point.node, point.path, "'" + parsed.text + "' is the same distance as '" + other.text + "', given before");
    points.push_back(std::move(parsed));
  }
  return points;
}

network::LinkShape NetworkParser::shape(const Field& f) const {
  const auto parsed = network::parse_link_shape(read_.scalar(f));
  if (!parsed.error.empty()) read_.fail(f.node, f.path, parsed.error);
  return parsed.shape;
}

// `network.regions: {stores: R, instances: [R, ...], distances: [{between: [R, R], rtt: SHAPE}]}`.
Regions NetworkParser::regions(const YAML::Node& node, int instances) const {
  const Field f{node, "network.regions"};
  read_.check_keys(f, {"stores", "instances", "distances"});
  if (!node["stores"] || !node["instances"])
    read_.fail(node, f.path, "regions need the stores' region and each instance's: {stores: eu, instances: [eu, us]}");
  Regions regions;
  regions.stores = read_.name({node["stores"], FieldReader::join(f.path, "stores")});
  const Field placed{node["instances"], FieldReader::join(f.path, "instances")};
  if (!placed.node.IsSequence() || placed.node.size() == 0) read_.fail(placed.node, placed.path, "expected a list of regions, one per instance");
  if (static_cast<int>(placed.node.size()) != instances)
    read_.fail(placed.node, placed.path,
         "places " + std::to_string(placed.node.size()) + " instances; the script's `instances:` says " + std::to_string(instances));
  for (std::size_t i = 0; i < placed.node.size(); ++i)
    regions.instances.push_back(read_.name({placed.node[i], placed.path + "[" + std::to_string(i) + "]"}));
  if (const auto distances = node["distances"]) {
    const auto path = FieldReader::join(f.path, "distances");
    if (!distances.IsSequence()) read_.fail(distances, path, "expected a list of {between: [A, B], rtt: 40ms}");
    for (std::size_t i = 0; i < distances.size(); ++i) {
      const Field d{distances[i], path + "[" + std::to_string(i) + "]"};
      read_.check_keys(d, {"between", "rtt"});
      const auto between = d.node["between"];
      if (!between || !between.IsSequence() || between.size() != 2 || !d.node["rtt"])
        read_.fail(d.node, d.path, "expected {between: [A, B], rtt: 40ms}: two regions and their round trip");
      Regions::Distance distance{read_.name({between[0], FieldReader::join(d.path, "between[0]")}), read_.name({between[1], FieldReader::join(d.path, "between[1]")}),
                                 shape({d.node["rtt"], FieldReader::join(d.path, "rtt")}), read_.scalar({d.node["rtt"], FieldReader::join(d.path, "rtt")})};
      if (distance.a == distance.b) read_.fail(between, FieldReader::join(d.path, "between"), "a region's distance to itself is no link");
      for (const auto& other : regions.distances)
        if ((other.a == distance.a && other.b == distance.b) || (other.a == distance.b && other.b == distance.a))
          read_.fail(d.node, d.path, "the distance between " + distance.a + " and " + distance.b + " is given twice");
      regions.distances.push_back(std::move(distance));
    }
  }
  for (std::size_t i = 0; i < regions.instances.size(); ++i)
    if (regions.instances[i] != regions.stores && regions.to_stores(i) == nullptr)
      read_.fail(placed.node[i], placed.path + "[" + std::to_string(i) + "]",
           "no distance between " + regions.instances[i] + " and the stores' region " + regions.stores +
               ": add {between: [" + regions.instances[i] + ", " + regions.stores + "], rtt: ...} to distances");
  return regions;
}

}  // namespace revbench::scenarios

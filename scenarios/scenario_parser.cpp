#include "scenarios/scenario_parser.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "harness/contract/events.hpp"
#include "harness/load/scenario/step_kinds.hpp"
#include "scenarios/field_reader.hpp"
#include "scenarios/network_parser.hpp"

namespace revbench::scenarios {
namespace {

using load::Duration;

class Parser : public FieldReader {
 public:
  explicit Parser(std::string source) : FieldReader(std::move(source)), network_(*this) {}

  load::MarkRef mark_ref(const Field& f) const {
    check_keys(f, {"actor", "mark"});
    if (!f.node["actor"] || !f.node["mark"]) fail(f.node, f.path, "expected {actor: <group>, mark: <name>}");
    return {name({f.node["actor"], join(f.path, "actor")}), name({f.node["mark"], join(f.path, "mark")})};
  }

  // One step: its kind from the table, the fields every step shares, then
  // the kind's own fields through YamlStepFields.
  load::Step step(const YAML::Node& node, const std::string& path, const load::ActorGroup& group);

  load::ActorGroup group(const YAML::Node& node, const std::string& path) {
    const Field f{node, path};
    check_keys(f, {"name", "role", "count", "ramp_up", "instance", "revoked_by", "steps"});
    load::ActorGroup group;
    group.line = node.Mark().line + 1;
    if (!node["name"]) fail(node, path, "every actor group needs a name");
    group.name = name({node["name"], join(path, "name")});
    if (node["role"])
      group.role = choice<load::Role>({node["role"], join(path, "role")},
                                      {{"user", load::Role::user}, {"thief", load::Role::thief}, {"admin", load::Role::admin}});
    if (node["count"]) group.count = static_cast<int>(integer({node["count"], join(path, "count")}, 1, 10'000));
    if (node["ramp_up"]) group.ramp_up = duration({node["ramp_up"], join(path, "ramp_up")});
    if (node["instance"]) group.instance = static_cast<int>(integer({node["instance"], join(path, "instance")}, 1, 16));
    if (node["revoked_by"]) {
      group.revoked_by = mark_ref({node["revoked_by"], join(path, "revoked_by")});
      actor_refs_.push_back({node["revoked_by"]["actor"], join(path, "revoked_by.actor"), group.revoked_by->actor});
    }
    const auto steps = node["steps"];
    if (!steps || !steps.IsSequence() || steps.size() == 0) fail(node, join(path, "steps"), "expected a list of steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto where = join(path, "steps") + "[" + std::to_string(i) + "]";
      group.steps.push_back(step(steps[i], where, group));
    }
    return group;
  }

  void check_takers(const load::ActorGroup& group, const load::StepKind& kind, const YAML::Node& node,
                    const std::string& path) const {
    using load::Role;
    using load::StepTakers;
    const auto takes = [&](Role role) {
      switch (kind.takers) {
        case StepTakers::users: return role == Role::user;
        case StepTakers::thieves: return role == Role::thief;
        case StepTakers::admins: return role == Role::admin;
        case StepTakers::users_or_thieves: return role != Role::admin;
        case StepTakers::anyone: return true;
      }
      return false;
    };
    if (!takes(group.role)) {
      if (kind.takers == StepTakers::admins) fail(node, path, "only an admin group (role: admin) can do this");
      if (kind.takers == StepTakers::thieves) fail(node, path, "only a thief group (role: thief) can do this");
      fail(node, path, "only a user group (the default role) can do this: thieves use stolen tokens, admins the admin token");
    }
    if (kind.needs_revoked_by && !group.revoked_by)
      fail(node, path, "a probe measures the lag from a revoke: give the group revoked_by: {actor: ..., mark: ...}");
  }

  void refer_to_group(const YAML::Node& node, const std::string& path, const std::string& name) {
    actor_refs_.push_back({node, path, name});
  }
  void refer_to_phase(const YAML::Node& node, const std::string& path, const std::string& name) {
    phase_refs_.push_back({node, path, name});
  }

  Script script(const YAML::Node& root) {
    if (!root.IsMap()) fail(root, "", "a scenario is a map with name, phases and actors");
    check_keys({root, ""}, {"name", "description", "set", "event", "access_ttl", "instances", "network", "topology",
                            "population", "strategies", "phases", "faults", "thresholds", "actors"});
    Script script;
    auto& s = script.scenario;
    s.source = source();
    if (!root["name"]) fail(root, "name", "missing");
    s.name = name({root["name"], "name"});
    if (root["description"]) s.description = scalar({root["description"], "description"});
    if (root["set"]) {
      s.set = name({root["set"], "set"});
      if (s.set == every_set) fail(root["set"], "set", "'" + every_set + "' names every set; give the scenario its own set");
    }
    if (root["event"]) {
      const auto event = scalar({root["event"], "event"});
      s.event = contract::parse_event(event);
      if (!s.event) {
        std::string known;
        for (auto e : contract::all_events()) known += (known.empty() ? "" : ", ") + std::string(contract::to_string(e));
        fail(root["event"], "event", "unknown event '" + event + "' (known: " + known + ")");
      }
    }
    if (root["access_ttl"]) {
      const auto ttl = duration({root["access_ttl"], "access_ttl"});
      if (ttl < std::chrono::seconds(1) || ttl.count() % 1'000'000'000 != 0)
        fail(root["access_ttl"], "access_ttl", "tokens carry whole seconds: expected 1s or more, in whole seconds");
      s.access_ttl = std::chrono::duration_cast<std::chrono::seconds>(ttl);
    }
    const auto phases = root["phases"];
    if (!phases || !phases.IsSequence() || phases.size() == 0) fail(root, "phases", "expected a list of phases");
    for (std::size_t i = 0; i < phases.size(); ++i) {
      const auto path = "phases[" + std::to_string(i) + "]";
      check_keys({phases[i], path}, {"name", "duration", "record"});
      if (!phases[i]["name"] || !phases[i]["duration"]) fail(phases[i], path, "a phase needs a name and a duration");
      load::Phase phase{name({phases[i]["name"], path + ".name"}), duration({phases[i]["duration"], path + ".duration"}), true};
      if (phases[i]["record"]) phase.record = boolean({phases[i]["record"], path + ".record"});
      for (const auto& other : s.phases)
        if (other.name == phase.name) fail(phases[i]["name"], path + ".name", "phase '" + phase.name + "' is defined twice");
      s.phases.push_back(std::move(phase));
    }
    if (root["instances"]) s.instances = static_cast<int>(integer({root["instances"], "instances"}, 1, 16));
    if (root["network"]) script.network = network_.network(root["network"], s.instances);
    if (root["topology"]) script.topology = topology(root["topology"]);
    if (root["population"]) script.population = population(root["population"]);
    if (const auto strategies = root["strategies"]) {
      if (!strategies.IsSequence() || strategies.size() == 0)
        fail(strategies, "strategies", "expected a list of the strategies the script is about, such as [redis-denylist]");
      for (std::size_t i = 0; i < strategies.size(); ++i)
        script.strategies.push_back(name({strategies[i], "strategies[" + std::to_string(i) + "]"}));
    }
    if (!script.topology.balancer_sweep.empty() &&
        (!script.network.store_rtts.empty() || !script.network.replica_delays.empty()))
      fail(root["topology"]["balancer"], "topology.balancer",
           "the script already sweeps the network (network.store_rtt or replica_delay); a run sweeps one thing");
    if (!script.network.replica_delays.empty() && !store::has_readable_replica(script.topology.stores))
      fail(root["network"]["replica_delay"], "network.replica_delay",
           "the stores have no replica to delay: give the script `topology: {redis: replicated}` or `{postgres: standby}`");
    if (const auto thresholds = root["thresholds"]) {
      if (!thresholds.IsSequence()) fail(thresholds, "thresholds", "expected a list of thresholds, such as [p99<5ms, accepted_after_revoke==0]");
      for (std::size_t i = 0; i < thresholds.size(); ++i) {
        const Field f{thresholds[i], "thresholds[" + std::to_string(i) + "]"};
        script.thresholds.push_back({scalar(f), where(f)});
      }
    }
    if (const auto faults = root["faults"]) {
      if (!faults.IsSequence()) fail(faults, "faults", "expected a list of faults");
      for (std::size_t i = 0; i < faults.size(); ++i) {
        const Field f{faults[i], "faults[" + std::to_string(i) + "]"};
        if (!f.node.IsMap() || !f.node["phase"] || !f.node["action"] || (!f.node["store"] && !f.node["link"]) ||
            (f.node["store"] && f.node["link"]))
          fail(f.node, f.path,
               "a fault needs a phase, an action and either a store (redis or postgres) or a link (" + network::tier_list() + ")");
        const auto phase = name({f.node["phase"], join(f.path, "phase")});
        if (std::none_of(s.phases.begin(), s.phases.end(), [&](const auto& p) { return p.name == phase; }))
          fail(f.node["phase"], join(f.path, "phase"), "no phase is named '" + phase + "'");
        if (f.node["store"])
          s.faults.push_back(store_fault(f, phase, s.faults));
        else
          script.network.faults.push_back(network_.link_fault(f, phase, script.network.faults, s.instances));
      }
    }
    const auto actors = root["actors"];
    if (!actors || !actors.IsSequence() || actors.size() == 0) fail(root, "actors", "expected a list of actor groups");
    for (std::size_t i = 0; i < actors.size(); ++i) {
      auto g = group(actors[i], "actors[" + std::to_string(i) + "]");
      for (const auto& other : s.actors)
        if (other.name == g.name) fail(actors[i]["name"], "actors[" + std::to_string(i) + "].name", "group '" + g.name + "' is defined twice");
      if (g.instance && *g.instance > s.instances)
        fail(actors[i]["instance"], "actors[" + std::to_string(i) + "].instance",
             the_script_lacks(*g.instance, s.instances));
      s.actors.push_back(std::move(g));
    }
    for (const auto& ref : actor_refs_)
      if (std::none_of(s.actors.begin(), s.actors.end(), [&](const auto& g) { return g.name == ref.name; }))
        fail(ref.node, ref.path, "no actor group is named '" + ref.name + "'");
    for (const auto& ref : phase_refs_)
      if (ref.name != "end" && std::none_of(s.phases.begin(), s.phases.end(), [&](const auto& p) { return p.name == ref.name; }))
        fail(ref.node, ref.path, "no phase is named '" + ref.name + "' (or say 'end')");
    return script;
  }

  load::Fault store_fault(const Field& f, const std::string& phase, const std::vector<load::Fault>& earlier) const {
    check_keys(f, {"phase", "store", "action"});
    load::Fault fault;
    fault.phase = phase;
    fault.store = choice<load::FaultStore>({f.node["store"], join(f.path, "store")},
                                           {{"redis", load::FaultStore::redis}, {"postgres", load::FaultStore::postgres}});
    fault.action = choice<load::FaultAction>({f.node["action"], join(f.path, "action")},
                                             {{"kill", load::FaultAction::kill},
                                              {"stop", load::FaultAction::stop},
                                              {"isolate", load::FaultAction::isolate}});
    if (fault.action == load::FaultAction::isolate && fault.store != load::FaultStore::redis)
      fail(f.node["action"], join(f.path, "action"),
           "isolate cuts a Redis primary off from its replicas and Sentinels: it takes store: redis");
    for (const auto& other : earlier)
      if (other.phase == fault.phase && other.store == fault.store)
        fail(f.node, f.path, "phase '" + fault.phase + "' already fails that store");
    return fault;
  }

  // `{phase, link, action}`, with `rtt` for slow and `bytes` (and `direction`,
  // down unless said) for limit-data, and `instance` for one instance's link.
 private:
  struct Reference {
    YAML::Node node;
    std::string path;
    std::string name;
  };
  NetworkParser network_;

  // `population: {users, live_sessions, prior_revocations}`, each a count (0 when absent).
  contract::Population population(const YAML::Node& node) const {
    check_keys({node, "population"}, {"users", "live_sessions", "prior_revocations"});
    contract::Population p;
    const auto count = [&](const char* key, long long& into) {
      if (node[key]) into = integer({node[key], std::string("population.") + key}, 0, contract::population_limit);
    };
    count("users", p.users);
    count("live_sessions", p.live_sessions);
    count("prior_revocations", p.prior_revocations);
    return p;
  }

  // `topology: {redis, postgres, read_from, balancer}`; balancer one, or a list to sweep.
  ScriptTopology topology(const YAML::Node& node) const {
    check_keys({node, "topology"}, {"redis", "postgres", "read_from", "balancer"});
    ScriptTopology t;
    using namespace store;
    if (node["redis"])
      t.stores.redis = choice<RedisTopology>({node["redis"], "topology.redis"},
                                             {{"single", RedisTopology::single},
                                              {"replicated", RedisTopology::replicated},
                                              {"sentinel", RedisTopology::sentinel}});
    if (node["postgres"])
      t.stores.postgres = choice<PgTopology>({node["postgres"], "topology.postgres"},
                                             {{"single", PgTopology::single}, {"standby", PgTopology::standby},
                                              {"standby,sync", PgTopology::standby_sync}});
    if (node["read_from"]) {
      const Field f{node["read_from"], "topology.read_from"};
      t.read_from = choice<ReadFrom>(f, {{"primary", ReadFrom::primary}, {"replica", ReadFrom::replica}});
      if (t.read_from == ReadFrom::replica && !has_readable_replica(t.stores))
        fail(f.node, f.path, "no replica to read from: give `redis: replicated` or `postgres: standby`");
    }
    if (const auto balancer = node["balancer"]; balancer && balancer.IsSequence()) {
      if (balancer.size() < 2) fail(balancer, "topology.balancer", "a sweep of balancers needs two or more");
      for (std::size_t i = 0; i < balancer.size(); ++i) {
        const Field f{balancer[i], "topology.balancer[" + std::to_string(i) + "]"};
        const auto balancing = balancing_of(f);
        if (std::find(t.balancer_sweep.begin(), t.balancer_sweep.end(), balancing) != t.balancer_sweep.end())
          fail(f.node, f.path, "the same balancer twice");
        t.balancer_sweep.push_back(balancing);
      }
      t.balancing = t.balancer_sweep.front();
    } else if (balancer) {
      t.balancing = balancing_of({balancer, "topology.balancer"});
    }
    return t;
  }
  network::Balancing balancing_of(const Field& f) const {
    return choice<network::Balancing>(f, {{"none", network::Balancing::none},
                                          {"haproxy", network::Balancing::roundrobin},
                                          {"haproxy:roundrobin", network::Balancing::roundrobin},
                                          {"haproxy:leastconn", network::Balancing::leastconn},
                                          {"haproxy:sticky", network::Balancing::sticky}});
  }
  std::vector<Reference> actor_refs_;
  std::vector<Reference> phase_refs_;
};

// A step's fields in the script, read for its kind (load::StepFields):
// every value checked by the parser's own readers, so errors name the file,
// line, column and field path.
class YamlStepFields final : public load::StepFields {
 public:
  YamlStepFields(Parser& parser, YAML::Node params, std::string path)
      : parser_(parser), params_(std::move(params)), path_(std::move(path)) {}

  bool has(std::string_view key) const override { return params_.IsMap() && params_[std::string(key)]; }
  std::string name(std::string_view key) const override { return parser_.name(field(key)); }
  std::string group(std::string_view key) override {
    const auto f = field(key);
    auto value = parser_.name(f);
    parser_.refer_to_group(f.node, f.path, value);
    return value;
  }
  std::string phase(std::string_view key) override {
    const auto f = field(key);
    auto value = parser_.name(f);
    parser_.refer_to_phase(f.node, f.path, value);
    return value;
  }
  long integer(std::string_view key, long min, long max) const override { return parser_.integer(field(key), min, max); }
  bool boolean(std::string_view key) const override { return parser_.boolean(field(key)); }
  Duration duration(std::string_view key) const override { return parser_.duration(field(key)); }
  double rate(std::string_view key) const override { return parser_.rate(field(key)); }
  std::size_t choice(std::string_view key, std::initializer_list<std::string_view> options) const override {
    return parser_.one_of(field(key), options);
  }
  std::optional<Duration> shorthand_duration() const override {
    if (!params_.IsDefined() || !params_.IsScalar()) return std::nullopt;
    return parser_.duration({params_, path_});
  }
  [[noreturn]] void fail(std::string_view key, const std::string& message) const override {
    if (key.empty()) parser_.fail(params_, path_, message);
    const auto f = field(key);
    parser_.fail(f.node, f.path, message);
  }

 private:
  Field field(std::string_view key) const {
    return {params_[std::string(key)], Parser::join(path_, std::string(key))};
  }
  Parser& parser_;
  YAML::Node params_;
  std::string path_;
};

load::Step Parser::step(const YAML::Node& node, const std::string& path, const load::ActorGroup& group) {
  load::Step step;
  step.line = node.Mark().line + 1;
  YAML::Node params;
  if (node.IsScalar()) {
    step.kind = node.Scalar();
  } else if (node.IsMap() && node.size() == 1) {
    step.kind = node.begin()->first.as<std::string>();
    params = node.begin()->second;
  } else {
    fail(node, path, "expected a step: a name (login) or a name with its fields (resource: {rate: 20, for: 2s})");
  }
  const auto* kind = load::find_step_kind(step.kind);
  if (kind == nullptr) {
    std::string known;
    for (const auto& k : load::step_kinds()) known += (known.empty() ? "" : ", ") + std::string(k.name);
    fail(node, path, "unknown step '" + step.kind + "' (known: " + known + ")");
  }
  const std::string where = path + "." + step.kind;
  const bool bare = !params || params.IsNull();
  if (bare && kind->needs_fields) fail(node, where, "this step needs fields");
  // A kind whose fields include a duration may be given as that duration alone (`think: 100ms`).
  const bool shorthand = !bare && params.IsScalar() &&
                         std::find(kind->fields.begin(), kind->fields.end(), "duration") != kind->fields.end();
  YamlStepFields fields(*this, bare ? YAML::Node() : params, where);
  if (!bare && !shorthand) {
    check_keys({params, where}, kind->fields);
    if (kind->records_mark && params["mark"]) step.mark = name({params["mark"], join(where, "mark")});
    if (params["session"]) step.session = name({params["session"], join(where, "session")});
  }
  step.action = kind->parse(fields);
  check_takers(group, *kind, node, path);
  return step;
}

}  // namespace

Script parse_script(std::string_view text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    std::ostringstream out;
    out << source;
    if (!e.mark.is_null()) out << ":" << e.mark.line + 1 << ":" << e.mark.column + 1;
    out << ": " << e.msg;
    throw ScenarioError(out.str());
  }
  try {
    return Parser(source).script(root);
  } catch (const YAML::Exception& e) {  // a conversion deep in a malformed document
    throw ScenarioError(source + ": " + e.msg);
  }
}

Script load_script_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot read the scenario script");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_script(text.str(), path);
}

load::Scenario parse_scenario(std::string_view text, const std::string& source) {
  return parse_script(text, source).scenario;
}
load::Scenario load_scenario_file(const std::string& path) { return load_script_file(path).scenario; }

std::string resolve_scenario(const std::string& name_or_path, const std::string& directory) {
  const bool is_path = name_or_path.find('/') != std::string::npos ||
                       (name_or_path.size() > 5 && name_or_path.substr(name_or_path.size() - 5) == ".yaml");
  return is_path ? name_or_path : directory + "/" + name_or_path + ".yaml";
}

std::vector<std::string> shipped_scenarios(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory))
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> scenarios_in_sets(const std::string& directory, const std::vector<std::string>& sets) {
  const bool every = std::find(sets.begin(), sets.end(), every_set) != sets.end();
  std::vector<std::string> chosen;
  std::set<std::string> known;
  for (const auto& name : shipped_scenarios(directory)) {
    const auto set = load_scenario_file(resolve_scenario(name, directory)).set;
    known.insert(set);
    if (every || std::find(sets.begin(), sets.end(), set) != sets.end()) chosen.push_back(name);
  }
  for (const auto& wanted : sets)
    if (wanted != every_set && !known.contains(wanted)) {
      std::string listed;
      for (const auto& set : known) listed += set + ", ";
      throw ScenarioError("no shipped scenario is in set '" + wanted + "' (sets: " + listed + every_set + ")");
    }
  return chosen;
}

}  // namespace revbench::scenarios

#include "scenarios/scenario_parser.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "strategies/strategy.hpp"

namespace revbench::scenarios {
namespace {

using load::Duration;
using load::StepKind;

// A node and how to name it in an error message.
struct Field {
  YAML::Node node;  // a handle: cheap to copy
  std::string path;
};

class Parser {
 public:
  explicit Parser(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& path, const std::string& message) const {
    const auto mark = node.Mark();
    std::ostringstream out;
    out << source_;
    if (!mark.is_null()) out << ":" << mark.line + 1 << ":" << mark.column + 1;
    out << ": " << (path.empty() ? "" : path + ": ") << message;
    throw ScenarioError(out.str());
  }

  // The keys of a map, refusing duplicates and keys not in `allowed`.
  void check_keys(const Field& f, std::initializer_list<std::string_view> allowed) const {
    if (!f.node.IsMap()) fail(f.node, f.path, "expected a map");
    std::set<std::string> seen;
    for (const auto& entry : f.node) {
      const auto key = entry.first.as<std::string>();
      if (!seen.insert(key).second) fail(entry.first, f.path, "'" + key + "' appears twice");
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string known;
        for (auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
        fail(entry.first, join(f.path, key), "unknown field (known: " + known + ")");
      }
    }
  }

  static std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

  std::string scalar(const Field& f) const {
    if (!f.node.IsScalar()) fail(f.node, f.path, "expected a single value");
    return f.node.Scalar();
  }
  std::string name(const Field& f) const {
    auto value = scalar(f);
    const bool ok = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
    });
    if (!ok) fail(f.node, f.path, "expected a name of letters, digits, '-' and '_', got '" + value + "'");
    return value;
  }
  long integer(const Field& f, long min, long max) const {
    const auto text = scalar(f);
    try {
      std::size_t used = 0;
      const long value = std::stol(text, &used);
      if (used == text.size() && value >= min && value <= max) return value;
    } catch (const std::exception&) {
    }
    fail(f.node, f.path, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got '" + text + "'");
  }
  bool boolean(const Field& f) const {
    const auto text = scalar(f);
    if (text == "true" || text == "yes") return true;
    if (text == "false" || text == "no") return false;
    fail(f.node, f.path, "expected true or false, got '" + text + "'");
  }
  Duration duration(const Field& f) const {
    const auto text = scalar(f);
    static constexpr std::pair<std::string_view, double> units[] = {
        {"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}};
    for (const auto& [unit, ns] : units) {
      if (text.size() <= unit.size() || text.substr(text.size() - unit.size()) != unit) continue;
      const auto number = text.substr(0, text.size() - unit.size());
      if (!std::isdigit(static_cast<unsigned char>(number.back()))) continue;  // "ms" is not "m" + "s"
      try {
        std::size_t used = 0;
        const double value = std::stod(number, &used);
        if (used == number.size() && value >= 0 && std::isfinite(value) && value * ns < 3600e9)
          return Duration(static_cast<std::int64_t>(value * ns));
      } catch (const std::exception&) {
      }
    }
    fail(f.node, f.path, "expected a duration like 500us, 20ms or 2s (at most 1 hour), got '" + text + "'");
  }
  double rate(const Field& f) const {
    auto text = scalar(f);
    double per = 1;
    if (text.size() > 2 && text.substr(text.size() - 2) == "/s") text.resize(text.size() - 2);
    else if (text.size() > 2 && text.substr(text.size() - 2) == "/m") text.resize(text.size() - 2), per = 60;
    try {
      std::size_t used = 0;
      const double value = std::stod(text, &used);
      if (used == text.size() && value > 0 && value <= 1e6) return value / per;
    } catch (const std::exception&) {
    }
    fail(f.node, f.path, "expected a rate like 20, 20/s or 300/m (requests per second of one actor, at most 1000000)");
  }
  template <typename T>
  T choice(const Field& f, std::initializer_list<std::pair<std::string_view, T>> options) const {
    const auto text = scalar(f);
    std::string known;
    for (const auto& [label, value] : options) {
      if (text == label) return value;
      known += (known.empty() ? "" : ", ") + std::string(label);
    }
    fail(f.node, f.path, "expected one of " + known + ", got '" + text + "'");
  }

  load::MarkRef mark_ref(const Field& f) const {
    check_keys(f, {"actor", "mark"});
    if (!f.node["actor"] || !f.node["mark"]) fail(f.node, f.path, "expected {actor: <group>, mark: <name>}");
    return {name({f.node["actor"], join(f.path, "actor")}), name({f.node["mark"], join(f.path, "mark")})};
  }

  load::Step step(const YAML::Node& node, const std::string& path) {
    load::Step step;
    step.line = node.Mark().line + 1;
    std::string kind_name;
    YAML::Node params;
    if (node.IsScalar()) {
      kind_name = node.Scalar();
    } else if (node.IsMap() && node.size() == 1) {
      kind_name = node.begin()->first.as<std::string>();
      params = node.begin()->second;
    } else {
      fail(node, path, "expected a step: a name (login) or a name with its fields (resource: {rate: 20, for: 2s})");
    }
    static constexpr std::pair<std::string_view, StepKind> kinds[] = {
        {"login", StepKind::login},           {"resource", StepKind::resource},
        {"refresh", StepKind::refresh},       {"logout", StepKind::logout},
        {"logout-all", StepKind::logout_all}, {"password-change", StepKind::password_change},
        {"ban", StepKind::ban},               {"unban", StepKind::unban},
        {"rotate-secret", StepKind::rotate_secret}, {"reset-request", StepKind::reset_request},
        {"reset", StepKind::reset},           {"steal", StepKind::steal},
        {"probe", StepKind::probe},           {"wait", StepKind::wait},
        {"think", StepKind::think}};
    const auto* kind = std::find_if(std::begin(kinds), std::end(kinds), [&](const auto& k) { return k.first == kind_name; });
    if (kind == std::end(kinds)) {
      std::string known;
      for (const auto& k : kinds) known += (known.empty() ? "" : ", ") + std::string(k.first);
      fail(node, path, "unknown step '" + kind_name + "' (known: " + known + ")");
    }
    step.kind = kind->second;
    const std::string where = path + "." + kind_name;

    if (step.kind == StepKind::think && params && params.IsScalar()) {
      step.duration = duration({params, where});
      return step;
    }
    if (!params || params.IsNull()) {
      if (step.kind == StepKind::think || step.kind == StepKind::wait || step.kind == StepKind::steal ||
          step.kind == StepKind::ban || step.kind == StepKind::unban)
        fail(node, where, "this step needs fields");
      return step;
    }
    const Field f{params, where};
    auto get = [&](const char* key) -> std::optional<Field> {
      if (const auto child = params[key]) return Field{params[key], join(where, key)};
      return std::nullopt;
    };
    switch (step.kind) {
      case StepKind::login: check_keys(f, {"session", "device", "mark"}); break;
      case StepKind::resource:
        check_keys(f, {"session", "mark", "repeat", "for", "until", "rate", "think", "relogin"});
        break;
      case StepKind::refresh: check_keys(f, {"session", "mark", "tabs"}); break;
      case StepKind::logout:
      case StepKind::logout_all:
      case StepKind::password_change:
      case StepKind::rotate_secret:
      case StepKind::reset_request:
      case StepKind::reset: check_keys(f, {"session", "mark"}); break;
      case StepKind::ban:
      case StepKind::unban: check_keys(f, {"target", "mark"}); break;
      case StepKind::steal: check_keys(f, {"from", "token", "session", "mark"}); break;
      case StepKind::probe: check_keys(f, {"token", "session", "every", "give_up", "mark"}); break;
      case StepKind::wait: check_keys(f, {"phase", "actor", "mark"}); break;
      case StepKind::think: check_keys(f, {"duration", "mark"}); break;
    }
    if (step.kind == StepKind::wait) {
      if (auto phase = get("phase")) {
        if (params["actor"]) fail(params, where, "wait for a phase or for an actor's mark, not both");
        step.wait_phase = name(*phase);
        phase_refs_.push_back({params["phase"], join(where, "phase"), *step.wait_phase});
      } else {
        step.wait_mark = mark_ref(f);
        actor_refs_.push_back({params["actor"], join(where, "actor"), step.wait_mark->actor});
      }
      return step;
    }
    if (auto v = get("mark")) step.mark = name(*v);
    if (auto v = get("session")) step.session = name(*v);
    if (auto v = get("device")) step.device = name(*v);
    if (auto v = get("tabs")) step.tabs = static_cast<int>(integer(*v, 1, 64));
    if (auto v = get("relogin")) step.relogin = boolean(*v);
    if (auto v = get("duration")) step.duration = duration(*v);
    if (auto v = get("every")) step.every = duration(*v);
    if (auto v = get("give_up")) step.give_up = duration(*v);
    if (auto v = get("repeat")) step.loop.repeat = static_cast<int>(integer(*v, 1, 10'000'000));
    if (auto v = get("for")) step.loop.for_ = duration(*v);
    if (auto v = get("rate")) step.loop.rate = rate(*v);
    if (auto v = get("think")) step.loop.think = duration(*v);
    if (auto v = get("until")) {
      step.loop.until_phase = name(*v);
      phase_refs_.push_back({params["until"], join(where, "until"), *step.loop.until_phase});
    }
    if (step.loop.for_ && step.loop.until_phase) fail(params, where, "'for' and 'until' both end the loop: keep one");
    if ((step.loop.for_ || step.loop.until_phase) && params["repeat"]) fail(params, where, "'repeat' with 'for' or 'until': keep one");
    if (step.loop.rate > 0 && step.loop.think.count() > 0) fail(params, where, "'rate' (open loop) and 'think' (closed loop) exclude each other");
    for (const char* key : {"target", "from"})
      if (auto v = get(key)) {
        step.target = name(*v);
        actor_refs_.push_back({params[key], v->path, step.target});
      }
    if (auto v = get("token")) {
      step.token = choice<load::TokenKind>(*v, {{"access", load::TokenKind::access}, {"refresh", load::TokenKind::refresh},
                                                {"reset", load::TokenKind::reset}, {"all", load::TokenKind::all}});
      if (step.kind == StepKind::probe && step.token == load::TokenKind::all)
        fail(params["token"], v->path, "a probe uses one token: access, refresh or reset");
    } else if (step.kind == StepKind::probe) {
      step.token = load::TokenKind::access;
    }
    if ((step.kind == StepKind::ban || step.kind == StepKind::unban || step.kind == StepKind::steal) && step.target.empty())
      fail(params, where, step.kind == StepKind::steal ? "which group to steal from? (from: <group>)" : "which group? (target: <group>)");
    if (step.kind == StepKind::think && step.duration.count() == 0) fail(params, where, "how long? (think: 100ms)");
    return step;
  }

  load::ActorGroup group(const YAML::Node& node, const std::string& path) {
    const Field f{node, path};
    check_keys(f, {"name", "role", "count", "ramp_up", "revoked_by", "steps"});
    load::ActorGroup group;
    group.line = node.Mark().line + 1;
    if (!node["name"]) fail(node, path, "every actor group needs a name");
    group.name = name({node["name"], join(path, "name")});
    if (node["role"])
      group.role = choice<load::Role>({node["role"], join(path, "role")},
                                      {{"user", load::Role::user}, {"thief", load::Role::thief}, {"admin", load::Role::admin}});
    if (node["count"]) group.count = static_cast<int>(integer({node["count"], join(path, "count")}, 1, 10'000));
    if (node["ramp_up"]) group.ramp_up = duration({node["ramp_up"], join(path, "ramp_up")});
    if (node["revoked_by"]) {
      group.revoked_by = mark_ref({node["revoked_by"], join(path, "revoked_by")});
      actor_refs_.push_back({node["revoked_by"]["actor"], join(path, "revoked_by.actor"), group.revoked_by->actor});
    }
    const auto steps = node["steps"];
    if (!steps || !steps.IsSequence() || steps.size() == 0) fail(node, join(path, "steps"), "expected a list of steps");
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto where = join(path, "steps") + "[" + std::to_string(i) + "]";
      auto s = step(steps[i], where);
      check_role(group, s, steps[i], where);
      group.steps.push_back(std::move(s));
    }
    return group;
  }

  void check_role(const load::ActorGroup& group, const load::Step& step, const YAML::Node& node, const std::string& path) const {
    using load::Role;
    const bool admin_step = step.kind == StepKind::ban || step.kind == StepKind::unban || step.kind == StepKind::rotate_secret;
    const bool thief_step = step.kind == StepKind::steal || step.kind == StepKind::probe;
    const bool any_role = step.kind == StepKind::wait || step.kind == StepKind::think ||
                          ((step.kind == StepKind::resource || step.kind == StepKind::refresh) && group.role == Role::thief);
    if (any_role) return;
    if (admin_step && group.role != Role::admin) fail(node, path, "only an admin group (role: admin) can do this");
    if (thief_step && group.role != Role::thief) fail(node, path, "only a thief group (role: thief) can do this");
    if (!admin_step && !thief_step && group.role != Role::user)
      fail(node, path, "only a user group (the default role) can do this: thieves use stolen tokens, admins the admin token");
    if (step.kind == StepKind::probe && !group.revoked_by)
      fail(node, path, "a probe measures the lag from a revoke: give the group revoked_by: {actor: ..., mark: ...}");
  }

  load::Scenario scenario(const YAML::Node& root) {
    if (!root.IsMap()) fail(root, "", "a scenario is a map with name, phases and actors");
    check_keys({root, ""}, {"name", "description", "event", "access_ttl", "phases", "faults", "actors"});
    load::Scenario s;
    s.source = source_;
    if (!root["name"]) fail(root, "name", "missing");
    s.name = name({root["name"], "name"});
    if (root["description"]) s.description = scalar({root["description"], "description"});
    if (root["event"]) {
      const auto event = scalar({root["event"], "event"});
      std::string known;
      for (auto e : strategies::all_events()) {
        if (event == strategies::to_string(e)) s.event = event;
        known += (known.empty() ? "" : ", ") + std::string(strategies::to_string(e));
      }
      if (s.event.empty()) fail(root["event"], "event", "unknown event '" + event + "' (known: " + known + ")");
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
    if (const auto faults = root["faults"]) {
      if (!faults.IsSequence()) fail(faults, "faults", "expected a list of faults");
      for (std::size_t i = 0; i < faults.size(); ++i) {
        const auto path = "faults[" + std::to_string(i) + "]";
        check_keys({faults[i], path}, {"phase", "store", "action"});
        if (!faults[i]["phase"] || !faults[i]["store"] || !faults[i]["action"])
          fail(faults[i], path, "a fault needs a phase, a store (redis or postgres) and an action (kill or stop)");
        load::Fault fault;
        fault.phase = name({faults[i]["phase"], path + ".phase"});
        fault.store = choice<load::FaultStore>({faults[i]["store"], path + ".store"},
                                               {{"redis", load::FaultStore::redis}, {"postgres", load::FaultStore::postgres}});
        fault.action = choice<load::FaultAction>({faults[i]["action"], path + ".action"},
                                                 {{"kill", load::FaultAction::kill}, {"stop", load::FaultAction::stop}});
        if (std::none_of(s.phases.begin(), s.phases.end(), [&](const auto& p) { return p.name == fault.phase; }))
          fail(faults[i]["phase"], path + ".phase", "no phase is named '" + fault.phase + "'");
        for (const auto& other : s.faults)
          if (other.phase == fault.phase && other.store == fault.store)
            fail(faults[i], path, "phase '" + fault.phase + "' already fails that store");
        s.faults.push_back(std::move(fault));
      }
    }
    const auto actors = root["actors"];
    if (!actors || !actors.IsSequence() || actors.size() == 0) fail(root, "actors", "expected a list of actor groups");
    for (std::size_t i = 0; i < actors.size(); ++i) {
      auto g = group(actors[i], "actors[" + std::to_string(i) + "]");
      for (const auto& other : s.actors)
        if (other.name == g.name) fail(actors[i]["name"], "actors[" + std::to_string(i) + "].name", "group '" + g.name + "' is defined twice");
      s.actors.push_back(std::move(g));
    }
    for (const auto& ref : actor_refs_)
      if (std::none_of(s.actors.begin(), s.actors.end(), [&](const auto& g) { return g.name == ref.name; }))
        fail(ref.node, ref.path, "no actor group is named '" + ref.name + "'");
    for (const auto& ref : phase_refs_)
      if (ref.name != "end" && std::none_of(s.phases.begin(), s.phases.end(), [&](const auto& p) { return p.name == ref.name; }))
        fail(ref.node, ref.path, "no phase is named '" + ref.name + "' (or say 'end')");
    return s;
  }

 private:
  struct Reference {
    YAML::Node node;
    std::string path;
    std::string name;
  };
  std::string source_;
  std::vector<Reference> actor_refs_;
  std::vector<Reference> phase_refs_;
};

}  // namespace

load::Scenario parse_scenario(std::string_view text, const std::string& source) {
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
    return Parser(source).scenario(root);
  } catch (const YAML::Exception& e) {  // a conversion deep in a malformed document
    throw ScenarioError(source + ": " + e.msg);
  }
}

load::Scenario load_scenario_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot read the scenario script");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

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

}  // namespace revbench::scenarios

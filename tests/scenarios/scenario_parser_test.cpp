// Scenario scripts: every shipped one parses into what it says, and every
// mistake is reported with the file, line, column and field path.
#include <gtest/gtest.h>

#include <regex>

#include "scenarios/scenario_parser.hpp"

#include "harness/load/scenario/steps/admin.hpp"
#include "harness/load/scenario/steps/end_session.hpp"
#include "harness/load/scenario/steps/probe.hpp"
#include "harness/load/scenario/steps/resource.hpp"
#include "harness/load/scenario/steps/steal.hpp"
#include "harness/load/scenario/steps/think.hpp"

namespace revbench::scenarios {
namespace {

// The kind's own fields of a parsed step (its action), or a test failure.
template <typename Action>
const Action& action_of(const load::Step& step) {
  const auto* action = dynamic_cast<const Action*>(step.action.get());
  if (action == nullptr) throw std::runtime_error("step on line " + std::to_string(step.line) + " is a " + step.kind);
  return *action;
}

// The error message a script produces, or "" when it parses.
std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "bad.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

constexpr const char* minimal = R"(name: t
phases:
  - {name: main, duration: 1s}
actors:
  - name: reader
    steps:
      - login
)";

TEST(ScenarioParser, ShippedScenariosAllParse) {
  const auto names = shipped_scenarios(REVBENCH_SCENARIO_DIR);
  for (const char* required : {"steady-browse", "logout", "logout-all", "access-token-theft", "refresh-theft-thief-first",
                                "refresh-theft-victim-first", "multi-tab-refresh-race", "secret-rotation-storm",
                                "password-reset-replay", "ban"})
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required << " is not shipped";
  for (const auto& name : names) {
    const auto scenario = load_scenario_file(resolve_scenario(name, REVBENCH_SCENARIO_DIR));
    EXPECT_EQ(scenario.name, name) << "the script's name should match its file";
    EXPECT_GT(scenario.users_needed(), 0) << name;
    EXPECT_FALSE(scenario.description.empty()) << name;
  }
}

// The main job plays the main set; the opt-in sets are apart from it, and
// `all` is every script once.
TEST(ScenarioParser, NamedSetsPartitionTheShippedScripts) {
  const auto every = shipped_scenarios(REVBENCH_SCENARIO_DIR);
  const auto main = scenarios_in_sets(REVBENCH_SCENARIO_DIR, {"main"});
  const auto races = scenarios_in_sets(REVBENCH_SCENARIO_DIR, {"races"});
  EXPECT_NE(std::find(main.begin(), main.end(), "logout"), main.end());
  EXPECT_EQ(std::find(main.begin(), main.end(), "login-race-ban"), main.end()) << "an opt-in script is in the main job";
  EXPECT_NE(std::find(races.begin(), races.end(), "login-race-ban"), races.end());
  EXPECT_EQ(scenarios_in_sets(REVBENCH_SCENARIO_DIR, {"all"}), every);
  EXPECT_EQ(scenarios_in_sets(REVBENCH_SCENARIO_DIR, {"main", "races"}).size(), main.size() + races.size());
  try {
    scenarios_in_sets(REVBENCH_SCENARIO_DIR, {"mian"});
    ADD_FAILURE() << "an unknown set was accepted";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("'mian'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("main, "), std::string::npos) << e.what();
  }
}

// The network set's scripts cut links, not stores, and are apart from the main job.
TEST(ScenarioParser, NetworkScriptsCutLinks) {
  const auto network = scenarios_in_sets(REVBENCH_SCENARIO_DIR, {"network"});
  for (const char* name : {"store-partition-redis", "store-partition-postgres", "feed-partition", "lost-refresh-response"}) {
    ASSERT_NE(std::find(network.begin(), network.end(), name), network.end()) << name;
    const auto script = load_script_file(resolve_scenario(name, REVBENCH_SCENARIO_DIR));
    EXPECT_FALSE(script.network.faults.empty()) << name;
    EXPECT_TRUE(script.scenario.faults.empty()) << name;
  }
  const auto partition = load_script_file(resolve_scenario("store-partition-redis", REVBENCH_SCENARIO_DIR));
  EXPECT_EQ(partition.network.faulted_links(),
            (std::vector<FaultedLink>{{network::Tier::server_redis, 0}, {network::Tier::subscriber_redis, 0}}));
}

// A change sent again while a store is down: the ban has nothing to show
// for an earlier try, a password change has its old password refused.
TEST(ScenarioParser, PartialOutageChangesAreRetried) {
  const auto s = load_scenario_file(resolve_scenario("partial-outage-revoke", REVBENCH_SCENARIO_DIR));
  EXPECT_EQ(s.set, "faults");
  ASSERT_EQ(s.faults.size(), 2u);
  EXPECT_EQ(s.faults[1].store, load::FaultStore::postgres);
  const auto group = [&s](const std::string& name) {
    return *std::find_if(s.actors.begin(), s.actors.end(), [&](const auto& g) { return g.name == name; });
  };
  const auto& ban = action_of<load::AdminStep>(group("admin-postgres").steps.back());
  EXPECT_EQ(ban.retry.pause, std::chrono::milliseconds(200));
  EXPECT_FALSE(ban.retry.made_already.has_value());
  const auto& change = action_of<load::EndSessionStep>(group("changer").steps.back());
  EXPECT_EQ(change.retry.made_already, contract::Reason::bad_credentials);
  const auto& first_change = action_of<load::EndSessionStep>(group("changer").steps[3]);
  EXPECT_EQ(first_change.retry.pause, std::chrono::milliseconds(200));
}

TEST(ScenarioParser, LogoutScriptMeansWhatItSays) {
  const auto s = load_scenario_file(resolve_scenario("logout", REVBENCH_SCENARIO_DIR));
  EXPECT_EQ(s.event, contract::Event::logout);
  EXPECT_EQ(s.access_ttl, std::chrono::seconds(2));
  ASSERT_EQ(s.phases.size(), 3u);
  EXPECT_FALSE(s.phases[0].record);
  EXPECT_EQ(s.phases[2].duration, std::chrono::seconds(3));
  ASSERT_EQ(s.actors.size(), 3u);
  const auto& thief = s.actors[2];
  EXPECT_EQ(thief.role, load::Role::thief);
  ASSERT_TRUE(thief.revoked_by.has_value());
  EXPECT_EQ(thief.revoked_by->actor, "victim");
  EXPECT_EQ(thief.revoked_by->mark, "revoked");
  ASSERT_EQ(thief.steps.size(), 2u);
  EXPECT_EQ(thief.steps[0].kind, "steal");
  EXPECT_EQ(action_of<load::StealStep>(thief.steps[0]).victims, "victim");
  EXPECT_EQ(action_of<load::StealStep>(thief.steps[0]).token, load::TokenKind::access);
  EXPECT_EQ(thief.steps[1].kind, "probe");
  EXPECT_EQ(action_of<load::ProbeStep>(thief.steps[1]).every, std::chrono::microseconds(500));
  EXPECT_FALSE(action_of<load::ProbeStep>(thief.steps[1]).direct) << "through a balancer when the run has one";
  const auto& reader = s.actors[0];
  EXPECT_EQ(reader.count, 20);
  EXPECT_EQ(reader.ramp_up, std::chrono::seconds(1));
  EXPECT_DOUBLE_EQ(action_of<load::ResourceStep>(reader.steps[1]).loop.rate, 20.0);
  EXPECT_EQ(action_of<load::ResourceStep>(reader.steps[1]).loop.until_phase, "end");
  EXPECT_EQ(s.users_needed(), 23);
}

constexpr const char* thief_of_a_victim = R"(name: t
phases:
  - {name: main, duration: 1s}
actors:
  - name: victim
    steps:
      - login: {mark: revoked}
  - name: thief
    role: thief
    revoked_by: {actor: victim, mark: revoked}
    steps:
      - steal: {from: victim, token: access}
      - probe: {through: instances}
)";

TEST(ScenarioParser, AProbeMayGoToEachInstanceDespiteABalancer) {
  const auto s = parse_scenario(thief_of_a_victim, "thief.yaml");
  EXPECT_TRUE(action_of<load::ProbeStep>(s.actors[1].steps[1]).direct);
  const auto said = error_of(std::regex_replace(thief_of_a_victim, std::regex("through: instances"), "through: walls"));
  EXPECT_NE(said.find("through"), std::string::npos) << said;
}

TEST(ScenarioParser, DurationsAndRatesInTheirUnits) {
  const auto s = parse_scenario(R"(name: t
phases:
  - {name: a, duration: 250ms}
  - {name: b, duration: 1.5s}
  - {name: c, duration: 1m}
actors:
  - name: reader
    steps:
      - login
      - resource: {rate: 300/m, for: 750us}
      - think: 2s
)", "t.yaml");
  EXPECT_EQ(s.phases[0].duration, std::chrono::milliseconds(250));
  EXPECT_EQ(s.phases[1].duration, std::chrono::milliseconds(1500));
  EXPECT_EQ(s.phases[2].duration, std::chrono::minutes(1));
  EXPECT_DOUBLE_EQ(action_of<load::ResourceStep>(s.actors[0].steps[1]).loop.rate, 5.0);
  EXPECT_EQ(*action_of<load::ResourceStep>(s.actors[0].steps[1]).loop.for_, std::chrono::microseconds(750));
  EXPECT_EQ(action_of<load::ThinkStep>(s.actors[0].steps[2]).duration, std::chrono::seconds(2));
  EXPECT_EQ(s.actors[0].steps[2].line, 11);
}

TEST(ScenarioParser, MinimalScriptParses) { EXPECT_EQ(error_of(minimal), ""); }

TEST(ScenarioParser, StoreFaultsLastTheirPhase) {
  const auto scenario = scenarios::parse_scenario(
      std::string(minimal) + "faults:\n  - {phase: main, store: postgres, action: stop}\n"
                             "  - {phase: main, store: redis, action: kill}\n",
      "faults.yaml");
  ASSERT_EQ(scenario.faults.size(), 2U);
  EXPECT_EQ(scenario.faults[0].phase, "main");
  EXPECT_EQ(scenario.faults[0].store, load::FaultStore::postgres);
  EXPECT_EQ(scenario.faults[0].action, load::FaultAction::stop);
  EXPECT_EQ(scenario.faults[1].store, load::FaultStore::redis);
  EXPECT_EQ(scenario.faults[1].action, load::FaultAction::kill);
  EXPECT_EQ(scenarios::parse_scenario(std::string(minimal) + "faults:\n  - {phase: main, store: redis, action: isolate}\n",
                                      "isolate.yaml")
                .faults.at(0)
                .action,
            load::FaultAction::isolate);
}

TEST(ScenarioParser, LinkFaultsAndLinksAreTheNetworksPart) {
  const auto script = scenarios::parse_script(
      std::string(minimal) +
          "network:\n  links:\n    server-redis: 1ms±200us\n    client-server: 250us\n"
          "faults:\n  - {phase: main, link: server-redis, action: partition}\n"
          "  - {phase: main, link: server-postgres, action: slow, rtt: 50ms}\n"
          "  - {phase: main, link: client-server, action: limit-data, bytes: 100, direction: up}\n"
          "  - {phase: main, link: client-server, action: drop-response}\n"
          "  - {phase: main, store: redis, action: stop}\n",
      "links.yaml");
  ASSERT_EQ(script.network.links.size(), 2U);
  EXPECT_EQ(script.network.links[0].tier, network::Tier::server_redis);
  EXPECT_EQ(script.network.links[0].shape.up.latency, std::chrono::microseconds(500));
  EXPECT_GT(script.network.links[0].shape.up.jitter.count(), 0);
  EXPECT_EQ(script.network.links[0].text, "server-redis=1ms±200us");
  EXPECT_EQ(script.network.links[1].tier, network::Tier::client_server);
  ASSERT_EQ(script.network.faults.size(), 4U);
  EXPECT_EQ(script.network.faults[0].tier, network::Tier::server_redis);
  EXPECT_EQ(script.network.faults[0].fault.action, network::FaultAction::partition);
  EXPECT_EQ(script.network.faults[1].fault.action, network::FaultAction::slow);
  EXPECT_EQ(script.network.faults[1].fault.added_rtt, std::chrono::milliseconds(50));
  EXPECT_EQ(script.network.faults[2].fault.direction, network::Direction::up);
  EXPECT_EQ(script.network.faults[2].fault.bytes, 100U);
  EXPECT_EQ(script.network.faults[3].fault.action, network::FaultAction::drop_response);
  ASSERT_EQ(script.scenario.faults.size(), 1U);  // the store's stays in the actors' plan
  const auto links = script.network.faulted_links();
  EXPECT_EQ(links, (std::vector<FaultedLink>{{network::Tier::server_redis, 0}, {network::Tier::server_postgres, 0},
                                             {network::Tier::client_server, 0}}));
}

TEST(ScenarioParser, ALinkFaultCanCutOneInstancesLink) {
  const auto script = scenarios::parse_script(
      "name: t\ninstances: 3\n" + std::string(minimal).substr(8) +
          "faults:\n  - {phase: main, link: subscriber-redis, instance: 3, action: partition}\n"
          "  - {phase: main, link: subscriber-redis, instance: 2, action: partition}\n"
          "  - {phase: main, link: server-redis, action: slow, rtt: 5ms}\n",
      "one.yaml");
  ASSERT_EQ(script.network.faults.size(), 3U);
  EXPECT_EQ(script.network.faults[0].instance, 3);
  EXPECT_EQ(script.network.faults[2].instance, 0) << "every instance's unless named";
  EXPECT_EQ(script.network.faulted_links(),
            (std::vector<FaultedLink>{{network::Tier::subscriber_redis, 3}, {network::Tier::subscriber_redis, 2},
                                      {network::Tier::server_redis, 0}}));
}

TEST(ScenarioParser, RegionsPlaceInstancesAwayFromTheStores) {
  const auto script = scenarios::parse_script(
      "name: t\ninstances: 3\n"
      "network:\n  regions:\n    stores: eu-west\n    instances: [eu-west, us-east, ap]\n"
      "    distances:\n      - {between: [us-east, eu-west], rtt: 80ms}\n      - {between: [eu-west, ap], rtt: 150ms±10ms}\n"
      "phases:\n  - {name: main, duration: 1s}\n"
      "actors:\n  - name: reader\n    instance: 3\n    steps:\n      - login\n",
      "regions.yaml");
  ASSERT_TRUE(script.network.regions);
  const auto& regions = *script.network.regions;
  EXPECT_EQ(script.scenario.instances, 3);
  EXPECT_EQ(regions.to_stores(0), nullptr) << "in the stores' region";
  ASSERT_NE(regions.to_stores(1), nullptr);
  EXPECT_EQ(regions.to_stores(1)->shape.up.latency, std::chrono::milliseconds(40)) << "either order of the pair";
  ASSERT_NE(regions.to_stores(2), nullptr);
  EXPECT_EQ(regions.to_stores(2)->text, "150ms±10ms");
  EXPECT_EQ(regions.to_stores(7), nullptr) << "an instance past the list is in the stores' region";
  EXPECT_EQ(script.scenario.actors[0].instance, 3);
}

TEST(ScenarioParser, ThresholdsAreKeptWithWhereTheyWereWritten) {
  const auto script = scenarios::parse_script(std::string(minimal) + "thresholds: [p99<5ms, 'accepted_after_revoke==0']\n",
                                              "thresholds.yaml");
  ASSERT_EQ(script.thresholds.size(), 2U);
  EXPECT_EQ(script.thresholds[0].text, "p99<5ms");
  EXPECT_EQ(script.thresholds[0].where, "thresholds.yaml:8:14: thresholds[0]");
  EXPECT_EQ(script.thresholds[1].text, "accepted_after_revoke==0");
}

TEST(ScenarioParser, AStoreRttSweepListsItsDistances) {
  const auto script = scenarios::parse_script(std::string(minimal) +
                                                  "network:\n  links: {client-server: 1ms}\n  store_rtt: [0, 250us, 5ms±1ms]\n",
                                              "sweep.yaml");
  ASSERT_EQ(script.network.store_rtts.size(), 3U);
  EXPECT_EQ(script.network.store_rtts[0].text, "0");
  EXPECT_TRUE(script.network.store_rtts[0].shape.is_zero());
  EXPECT_EQ(script.network.store_rtts[1].shape.round_trip_time(), std::chrono::microseconds(250));
  EXPECT_EQ(script.network.store_rtts[2].text, "5ms±1ms");
  EXPECT_GT(script.network.store_rtts[2].shape.up.jitter.count(), 0);
  EXPECT_EQ(script.network.links.size(), 1U) << "the client's tier is not the sweep's";
}

TEST(ScenarioParser, ATopologySaysWhichStoresAndWhereChecksRead) {
  const auto script = scenarios::parse_script(
      std::string(minimal) +
          "strategies: [redis-denylist]\ntopology: {redis: replicated, postgres: \"standby,sync\", read_from: replica}\n"
          "network:\n  replica_delay: [0, 10ms]\n",
      "topology.yaml");
  EXPECT_EQ(script.topology.stores.redis, store::RedisTopology::replicated);
  EXPECT_EQ(script.topology.stores.postgres, store::PgTopology::standby_sync);
  EXPECT_EQ(script.topology.read_from, store::ReadFrom::replica);
  EXPECT_EQ(script.strategies, std::vector<std::string>{"redis-denylist"});
  ASSERT_EQ(script.network.replica_delays.size(), 2U);
  EXPECT_EQ(script.network.replica_delays[0].delay.count(), 0);
  EXPECT_EQ(script.network.replica_delays[1].text, "10ms");
  EXPECT_EQ(script.network.replica_delays[1].delay, std::chrono::milliseconds(10));
  const auto plain = scenarios::parse_script(minimal, "plain.yaml");
  EXPECT_EQ(plain.topology.stores, store::StoreTopology{});
  EXPECT_EQ(plain.topology.read_from, store::ReadFrom::primary);
  EXPECT_EQ(plain.topology.balancing, network::Balancing::none);
  EXPECT_TRUE(plain.strategies.empty());
}

TEST(ScenarioParser, ATopologyMayPutABalancerInFrontOfTheInstances) {
  for (const auto& [text, balancing] : std::vector<std::pair<std::string, network::Balancing>>{
           {"haproxy", network::Balancing::roundrobin},
           {"haproxy:roundrobin", network::Balancing::roundrobin},
           {"haproxy:leastconn", network::Balancing::leastconn},
           {"haproxy:sticky", network::Balancing::sticky},
           {"none", network::Balancing::none}}) {
    const auto script = scenarios::parse_script(std::string(minimal) + "topology: {balancer: \"" + text + "\"}\n", "b.yaml");
    EXPECT_EQ(script.topology.balancing, balancing) << text;
    EXPECT_EQ(network::balancing_named(text), balancing) << text;
  }
  EXPECT_EQ(network::name_of(network::Balancing::sticky), "haproxy:sticky");
  EXPECT_FALSE(network::balancing_named("nginx"));
  const auto swept = scenarios::parse_script(std::string(minimal) + "topology: {balancer: [haproxy, \"haproxy:sticky\"]}\n", "s.yaml");
  EXPECT_EQ(swept.topology.balancer_sweep,
            (std::vector<network::Balancing>{network::Balancing::roundrobin, network::Balancing::sticky}));
  EXPECT_EQ(swept.topology.balancing, network::Balancing::roundrobin);
}

TEST(ScenarioParser, APopulationSaysWhatTheStoresHoldBeforeTheRun) {
  const auto script = scenarios::parse_script(
      std::string(minimal) + "population: {users: 1000000, live_sessions: 250000, prior_revocations: 5000000}\n",
      "population.yaml");
  EXPECT_EQ(script.population, (contract::Population{1000000, 250000, 5000000}));
  EXPECT_EQ(script.population.describe(), "1000000 users, 250000 live sessions, 5000000 prior revocations");
  const auto partial = scenarios::parse_script(std::string(minimal) + "population: {users: 10}\n", "p.yaml");
  EXPECT_EQ(partial.population, (contract::Population{10, 0, 0}));
  EXPECT_TRUE(scenarios::parse_script(minimal, "plain.yaml").population.empty());
  // Sessions and revocations go round the bystanders, whose names the contract spells.
  EXPECT_EQ(partial.population.holder(0), "bystander-0000001");
  EXPECT_EQ(partial.population.holder(10), "bystander-0000001");
  EXPECT_EQ(partial.population.holder(9), "bystander-0000010");
  EXPECT_EQ(partial.population.holders_of(25), 10);
  EXPECT_EQ(partial.population.holders_of(3), 3);
}

struct BadScript {
  const char* what;
  std::string text;
  std::vector<std::string> expected;  // every one must be in the message
};

class ScenarioParserErrors : public ::testing::TestWithParam<BadScript> {};

TEST_P(ScenarioParserErrors, NameFileLineAndField) {
  const auto message = error_of(GetParam().text);
  ASSERT_FALSE(message.empty()) << GetParam().what << " was accepted";
  for (const auto& part : GetParam().expected) EXPECT_NE(message.find(part), std::string::npos) << message;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test script has no " + from);
  return text.replace(at, from.size(), to);
}

INSTANTIATE_TEST_SUITE_P(
    Each, ScenarioParserErrors,
    ::testing::Values(
        BadScript{"yaml syntax", "name: t\nphases: [\n", {"bad.yaml:3:"}},
        BadScript{"a negative population", std::string(minimal) + "population: {users: 10, live_sessions: -1}\n",
                  {"bad.yaml:8:", "population.live_sessions", "'-1'"}},
        BadScript{"an unknown population key", std::string(minimal) + "population: {accounts: 10}\n",
                  {"bad.yaml:8:", "population", "accounts"}},
        BadScript{"unknown topology", std::string(minimal) + "topology: {redis: sharded}\n",
                  {"bad.yaml:8:", "topology.redis", "'sharded'", "replicated"}},
        BadScript{"an unknown balancer", std::string(minimal) + "topology: {balancer: f5}\n",
                  {"bad.yaml:8:", "topology.balancer", "'f5'", "haproxy:sticky"}},
        BadScript{"a sweep of one balancer", std::string(minimal) + "topology: {balancer: [haproxy]}\n",
                  {"topology.balancer", "two or more"}},
        BadScript{"a balancer twice", std::string(minimal) + "topology: {balancer: [haproxy, \"haproxy:roundrobin\"]}\n",
                  {"topology.balancer[1]", "the same balancer twice"}},
        BadScript{"a balancer sweep and a network sweep",
                  std::string(minimal) + "topology: {balancer: [haproxy, \"haproxy:sticky\"]}\nnetwork: {store_rtt: [0, 1ms]}\n",
                  {"topology.balancer", "sweeps one thing"}},
        BadScript{"replica reads without a replica", std::string(minimal) + "topology: {read_from: replica}\n",
                  {"topology.read_from", "no replica to read from"}},
        BadScript{"a replica delay without a replica", std::string(minimal) + "network: {replica_delay: [0, 1ms]}\n",
                  {"network.replica_delay", "no replica to delay"}},
        BadScript{"two sweeps", std::string(minimal) + "topology: {redis: replicated}\nnetwork: {store_rtt: [0, 1ms], replica_delay: [0, 1ms]}\n",
                  {"network.replica_delay", "sweeps one thing"}},
        BadScript{"a replica delay twice", std::string(minimal) + "topology: {redis: replicated}\nnetwork: {replica_delay: [1ms, 1000us]}\n",
                  {"network.replica_delay[1]", "the same delay"}},
        BadScript{"a jittery replica delay", std::string(minimal) + "topology: {redis: replicated}\nnetwork: {replica_delay: [0, 1ms±1ms]}\n",
                  {"network.replica_delay[1]", "one figure"}},
        BadScript{"strategies not a list", std::string(minimal) + "strategies: redis-denylist\n", {"bad.yaml:8:", "strategies"}},
        BadScript{"unknown step", replace(minimal, "- login", "- logon"),
                  {"bad.yaml:7:9", "actors[0].steps[0]", "unknown step 'logon'", "login, resource"}},
        BadScript{"bad duration", replace(minimal, "duration: 1s", "duration: soon"),
                  {"bad.yaml:3:", "phases[0].duration", "expected a duration", "'soon'"}},
        BadScript{"unit missing", replace(minimal, "duration: 1s", "duration: 10"), {"phases[0].duration"}},
        BadScript{"unknown top-level field", std::string(minimal) + "ramp: 3\n", {"bad.yaml:8:1", "ramp", "unknown field"}},
        BadScript{"unknown step field", replace(minimal, "- login", "- resource: {rate: 5, every: 1s}"),
                  {"bad.yaml:7:", "actors[0].steps[0].resource.every", "unknown field"}},
        BadScript{"duplicate key", replace(minimal, "name: t\n", "name: t\nname: u\n"), {"bad.yaml:2:1", "'name' appears twice"}},
        BadScript{"bad rate", replace(minimal, "- login", "- resource: {rate: fast}"),
                  {"actors[0].steps[0].resource.rate", "expected a rate"}},
        BadScript{"rate and think", replace(minimal, "- login", "- resource: {rate: 5, think: 1s}"),
                  {"actors[0].steps[0].resource", "exclude each other"}},
        BadScript{"unknown group", replace(minimal, "- login", "- wait: {actor: ghost, mark: m}"),
                  {"bad.yaml:7:", "actors[0].steps[0].wait.actor", "no actor group is named 'ghost'"}},
        BadScript{"unknown phase", replace(minimal, "- login", "- resource: {until: later}"),
                  {"actors[0].steps[0].resource.until", "no phase is named 'later'"}},
        BadScript{"user steals", replace(minimal, "- login", "- steal: {from: reader}"),
                  {"actors[0].steps[0]", "only a thief group"}},
        BadScript{"user bans", replace(minimal, "- login", "- ban: {target: reader}"), {"only an admin group"}},
        BadScript{"probe without revoke", replace(replace(minimal, "- login", "- probe"), "name: reader", "name: reader\n    role: thief"),
                  {"revoked_by"}},
        BadScript{"count zero", replace(minimal, "name: reader", "name: reader\n    count: 0"),
                  {"actors[0].count", "from 1 to 10000"}},
        BadScript{"unknown role", replace(minimal, "name: reader", "name: reader\n    role: hacker"),
                  {"actors[0].role", "user, thief, admin"}},
        BadScript{"unknown event", std::string(minimal) + "event: coffee\n", {"event", "unknown event 'coffee'", "logout"}},
        BadScript{"retry without a pause", replace(minimal, "      - login\n", "      - login\n      - logout: {retry: 0s}\n"),
                  {"bad.yaml:8:", "retry", "longer than 0"}},
        BadScript{"set named all", std::string(minimal) + "set: all\n", {"bad.yaml:8:6", "set", "names every set"}},
        BadScript{"fractional ttl", std::string(minimal) + "access_ttl: 1500ms\n", {"access_ttl", "whole seconds"}},
        BadScript{"no phases", "name: t\nactors: []\n", {"phases"}},
        BadScript{"no steps", replace(minimal, "    steps:\n      - login\n", "    steps: []\n"), {"actors[0].steps"}},
        BadScript{"two groups one name", std::string(minimal) + "  - name: reader\n    steps: [login]\n",
                  {"actors[1].name", "defined twice"}},
        BadScript{"not a map", "- just\n- a list\n", {"bad.yaml:1:1", "a scenario is a map"}},
        BadScript{"fault in no phase", std::string(minimal) + "faults:\n  - {phase: later, store: redis, action: kill}\n",
                  {"faults[0].phase", "no phase is named 'later'"}},
        BadScript{"fault on an unknown store",
                  std::string(minimal) + "faults:\n  - {phase: main, store: mysql, action: kill}\n",
                  {"faults[0].store", "redis, postgres"}},
        BadScript{"fault with an unknown action",
                  std::string(minimal) + "faults:\n  - {phase: main, store: redis, action: unplug}\n",
                  {"faults[0].action", "kill, stop, isolate"}},
        BadScript{"postgres isolated",
                  std::string(minimal) + "faults:\n  - {phase: main, store: postgres, action: isolate}\n",
                  {"faults[0].action", "it takes store: redis"}},
        BadScript{"store failed twice in a phase",
                  std::string(minimal) + "faults:\n  - {phase: main, store: redis, action: kill}\n"
                                         "  - {phase: main, store: redis, action: stop}\n",
                  {"faults[1]", "already fails that store"}},
        BadScript{"fault on a store and a link",
                  std::string(minimal) + "faults:\n  - {phase: main, store: redis, link: server-redis, action: kill}\n",
                  {"bad.yaml:9:", "faults[0]", "either a store (redis or postgres) or a link (client-server"}},
        BadScript{"fault on an unknown link",
                  std::string(minimal) + "faults:\n  - {phase: main, link: redis, action: partition}\n",
                  {"bad.yaml:9:", "faults[0].link", "unknown link 'redis'", "server-redis"}},
        BadScript{"a store's action on a link",
                  std::string(minimal) + "faults:\n  - {phase: main, link: server-redis, action: kill}\n",
                  {"faults[0].action", "partition, reset, slow, limit-data, drop-response", "kill and stop fail a store"}},
        BadScript{"slow without its round trip",
                  std::string(minimal) + "faults:\n  - {phase: main, link: server-postgres, action: slow}\n",
                  {"faults[0]", "rtt: 50ms"}},
        BadScript{"a round trip on a partition",
                  std::string(minimal) + "faults:\n  - {phase: main, link: server-postgres, action: partition, rtt: 5ms}\n",
                  {"bad.yaml:9:", "faults[0].rtt", "only a slow fault"}},
        BadScript{"bad round trip",
                  std::string(minimal) + "faults:\n  - {phase: main, link: server-postgres, action: slow, rtt: far}\n",
                  {"bad.yaml:9:", "faults[0].rtt", "expected a duration", "'far'"}},
        BadScript{"limit-data without bytes",
                  std::string(minimal) + "faults:\n  - {phase: main, link: client-server, action: limit-data}\n",
                  {"faults[0]", "bytes: 100"}},
        BadScript{"limit-data in a bad direction",
                  std::string(minimal) +
                      "faults:\n  - {phase: main, link: client-server, action: limit-data, bytes: 10, direction: sideways}\n",
                  {"faults[0].direction", "up, down", "'sideways'"}},
        BadScript{"bytes on a reset",
                  std::string(minimal) + "faults:\n  - {phase: main, link: client-server, action: reset, bytes: 10}\n",
                  {"faults[0]", "only a limit-data fault"}},
        BadScript{"the same link fault twice in a phase",
                  std::string(minimal) + "faults:\n  - {phase: main, link: server-redis, action: partition}\n"
                                         "  - {phase: main, link: server-redis, action: partition}\n",
                  {"faults[1]", "already puts that fault on that link"}},
        BadScript{"network links of an unknown tier",
                  std::string(minimal) + "network:\n  links:\n    server-mysql: 1ms\n",
                  {"bad.yaml:10:5", "network.links.server-mysql", "unknown field", "server-redis"}},
        BadScript{"a link's bad shape",
                  std::string(minimal) + "network:\n  links:\n    server-redis: 1ms±lots\n",
                  {"bad.yaml:10:19", "network.links.server-redis", "'lots' is not a jitter"}},
        BadScript{"network with an unknown field",
                  std::string(minimal) + "network:\n  regions_: {}\n",
                  {"bad.yaml:9:3", "network.regions_", "unknown field (known: links, regions, store_rtt, replica_delay)"}},
        BadScript{"a link fault on an instance the script does not have",
                  std::string(minimal) + "faults:\n  - {phase: main, link: server-redis, instance: 2, action: reset}\n",
                  {"bad.yaml:9:49", "faults[0].instance", "instance 2 of 1", "instances: 2"}},
        BadScript{"a link fault on one instance beside the same on every instance",
                  "name: t\ninstances: 2\n" + std::string(minimal).substr(8) +
                      "faults:\n  - {phase: main, link: server-redis, action: reset}\n"
                      "  - {phase: main, link: server-redis, instance: 2, action: reset}\n",
                  {"faults[1]", "already puts that fault on that link"}},
        BadScript{"thresholds that are not a list",
                  std::string(minimal) + "thresholds: p99<5ms\n",
                  {"bad.yaml:8:13", "thresholds", "expected a list of thresholds"}},
        BadScript{"a store_rtt sweep of one point",
                  std::string(minimal) + "network:\n  store_rtt: [1ms]\n",
                  {"bad.yaml:9:14", "network.store_rtt", "two round trips or more"}},
        BadScript{"a store_rtt point that is not a round trip",
                  std::string(minimal) + "network:\n  store_rtt: [0, 1]\n",
                  {"bad.yaml:9:18", "network.store_rtt[1]", "'1' is not a round trip"}},
        BadScript{"a store_rtt point given twice",
                  std::string(minimal) + "network:\n  store_rtt: [0, 1ms, 0ms]\n",
                  {"network.store_rtt[2]", "'0ms' is the same distance as '0'"}},
        BadScript{"a store_rtt sweep beside a store tier's link",
                  std::string(minimal) + "network:\n  links: {server-postgres: 1ms}\n  store_rtt: [0, 1ms]\n",
                  {"network.store_rtt", "network.links.server-postgres cannot be given beside it"}},
        BadScript{"a store_rtt sweep beside regions",
                  std::string(minimal) + "network:\n  regions: {stores: eu, instances: [eu]}\n  store_rtt: [0, 1ms]\n",
                  {"network.store_rtt", "network.regions cannot be given beside it"}},
        BadScript{"a region with no distance to the stores'",
                  "name: t\ninstances: 2\nnetwork:\n  regions: {stores: eu, instances: [eu, us]}\n" + std::string(minimal).substr(8),
                  {"bad.yaml:4:", "network.regions.instances[1]", "no distance between us and the stores' region eu"}},
        BadScript{"regions placing more instances than the script has",
                  "name: t\nnetwork:\n  regions: {stores: eu, instances: [eu, eu]}\n" + std::string(minimal).substr(8),
                  {"network.regions.instances", "places 2 instances", "`instances:` says 1"}},
        BadScript{"a distance of a region to itself",
                  "name: t\nnetwork:\n  regions:\n    stores: eu\n    instances: [eu]\n"
                  "    distances: [{between: [eu, eu], rtt: 1ms}]\n" + std::string(minimal).substr(8),
                  {"network.regions.distances[0].between", "to itself"}},
        BadScript{"a group on an instance the script does not have",
                  replace(minimal, "  - name: reader\n", "  - name: reader\n    instance: 2\n"),
                  {"actors[0].instance", "instance 2 of 1", "instances: 2"}}),
    [](const auto& param_info) {
      std::string name = param_info.param.what;
      for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

}  // namespace
}  // namespace revbench::scenarios

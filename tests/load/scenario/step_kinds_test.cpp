// The table of step kinds: every row complete and found by its name, and
// every kind readable from a script through the parser.
#include "harness/load/scenario/step_kinds.hpp"

#include <gtest/gtest.h>

#include <set>

#include "scenarios/scenario_parser.hpp"

namespace revbench::load {
namespace {

TEST(StepKinds, EveryRowIsCompleteAndFoundByItsName) {
  std::set<std::string_view> names;
  for (const auto& kind : step_kinds()) {
    EXPECT_TRUE(names.insert(kind.name).second) << kind.name << " is listed twice";
    EXPECT_NE(kind.parse, nullptr) << kind.name;
    EXPECT_EQ(find_step_kind(kind.name), &kind);
    const bool lists_mark = std::find(kind.fields.begin(), kind.fields.end(), "mark") != kind.fields.end();
    EXPECT_TRUE(lists_mark) << kind.name << ": every step can record a mark, or (wait) names one";
  }
  EXPECT_EQ(find_step_kind("logon"), nullptr);
  EXPECT_GE(names.size(), 16U);
}

// A script that takes every kind of the table once, each in a group allowed to.
constexpr const char* every_kind = R"(name: every-kind
phases:
  - {name: main, duration: 1s}
actors:
  - name: user
    steps:
      - login: {device: phone}
      - resource: {repeat: 2}
      - refresh: {tabs: 2}
      - logout
      - logout-all
      - password-change
      - reset-request
      - reset
  - name: thief
    role: thief
    revoked_by: {actor: user, mark: m}
    steps:
      - steal: {from: user}
      - probe
      - racing-logins: {from: user, count: 4, spread: 2ms, give_up: 2s, overlapping_may_survive: true}
      - hostile-names: {from: user, at: reset-request}
  - name: admin
    role: admin
    steps:
      - wait: {phase: main}
      - ban: {target: user}
      - unban: {target: user}
      - rotate-secret
      - think: 1ms
)";

TEST(StepKinds, EveryKindParsesIntoItsAction) {
  const auto scenario = scenarios::parse_scenario(every_kind, "every-kind.yaml");
  std::set<std::string> parsed;
  for (const auto& group : scenario.actors)
    for (const auto& step : group.steps) {
      ASSERT_NE(step.action, nullptr) << step.kind;
      parsed.insert(step.kind);
    }
  for (const auto& kind : step_kinds()) EXPECT_EQ(parsed.count(std::string(kind.name)), 1U) << kind.name << " not exercised";
}

TEST(StepKinds, OnlyTheProbingStepsWaitPastTheLastPhase) {
  const auto scenario = scenarios::parse_scenario(
      std::string(every_kind).replace(std::string(every_kind).find("      - probe\n"), 14,
                                      "      - probe: {give_up: 7s}\n"),
      "every-kind.yaml");
  for (const auto& group : scenario.actors)
    for (const auto& step : group.steps)
      EXPECT_EQ(step.action->give_up(), step.kind == "probe"           ? Duration(std::chrono::seconds(7))
                                        : step.kind == "racing-logins" ? Duration(std::chrono::seconds(2))
                                                                       : Duration(0))
          << step.kind;
}

}  // namespace
}  // namespace revbench::load

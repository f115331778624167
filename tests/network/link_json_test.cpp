#include "harness/network/link_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace revbench::network {
namespace {

using namespace std::chrono_literals;

std::variant<LinkFault, std::string> from(const char* text) { return fault_from_json(boost::json::parse(text)); }

TEST(LinkFaultJson, EveryActionReadsBackAsItIsWritten) {
  const LinkFault faults[] = {{.action = FaultAction::partition},
                              {.action = FaultAction::partition, .from = "127.0.0.2"},
                              {.action = FaultAction::reset},
                              {.action = FaultAction::slow, .added_rtt = 200ms},
                              {.action = FaultAction::limit_data, .direction = Direction::up, .bytes = 100},
                              {.action = FaultAction::drop_response}};
  for (const auto& fault : faults) {
    const auto back = fault_from_json(fault_json(fault));
    ASSERT_TRUE(std::holds_alternative<LinkFault>(back)) << std::get<std::string>(back);
    const auto& got = std::get<LinkFault>(back);
    EXPECT_EQ(got.action, fault.action);
    EXPECT_EQ(got.added_rtt, fault.added_rtt);
    EXPECT_EQ(got.bytes, fault.bytes);
    EXPECT_EQ(got.from, fault.from);
    EXPECT_EQ(describe(got), describe(fault));
  }
  EXPECT_EQ(describe(faults[1]), "partition from 127.0.0.2");
  EXPECT_EQ(describe(faults[3]), "slow +200ms");
  EXPECT_EQ(describe(faults[4]), "limit-data up 100 bytes");
}

TEST(LinkFaultJson, ADropResponseCutsTheDownstreamAtOnce) {
  const auto fault = std::get<LinkFault>(from(R"({"action":"drop-response"})"));
  ASSERT_TRUE(fault.cut_after());
  EXPECT_EQ(fault.cut_after()->first, Direction::down);
  EXPECT_EQ(fault.cut_after()->second, 0u);
  EXPECT_FALSE(std::get<LinkFault>(from(R"({"action":"partition"})")).cut_after());
}

TEST(LinkFaultJson, AWrongFaultNamesTheMember) {
  struct Case {
    const char* json;
    const char* said;
  };
  for (const auto& [json, said] :
       {Case{R"([1])", "a JSON object"}, Case{R"({})", "\"action\" must be one of partition, reset, slow"},
        Case{R"({"action":"flood"})", "\"action\" must be one of"}, Case{R"({"action":"slow"})", "needs \"rtt\""},
        Case{R"({"action":"slow","rtt":"soon"})", "\"rtt\" must be a duration"},
        Case{R"({"action":"limit-data","direction":"down"})", "needs \"bytes\""},
        Case{R"({"action":"limit-data","bytes":-1})", "\"bytes\" must be a whole number"},
        Case{R"({"action":"limit-data","bytes":1,"direction":"sideways"})", "\"direction\" must be up or down"},
        Case{R"({"action":"partition","rtt":"1ms"})", "\"rtt\" is not a member of a partition fault"},
        Case{R"({"action":"partition","from":"host-b"})", "\"from\" must be an IP address"},
        Case{R"({"action":"slow","rtt":"1ms","from":"127.0.0.2"})", "\"from\" is not a member of a slow fault"}}) {
    const auto parsed = from(json);
    ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << json;
    EXPECT_NE(std::get<std::string>(parsed).find(said), std::string::npos) << json << " gave: " << std::get<std::string>(parsed);
  }
}

}  // namespace
}  // namespace revbench::network

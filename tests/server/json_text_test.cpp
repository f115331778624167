// The written text is Boost.JSON's serialization of the same object, byte
// for byte, whatever the strings hold.
#include "harness/server/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

namespace revbench::server {
namespace {

TEST(JsonText, WritesWhatBoostJsonSerializes) {
  std::string every_control;
  for (char c = 1; c < 0x20; ++c) every_control += c;
  const std::string long_text(1000, 'x');
  for (const std::string& value : {std::string(), std::string("user-000001"), std::string("quote \" and \\ backslash"),
                                  every_control, std::string("caf\xc3\xa9 \xe2\x82\xac"), std::string("a\0b", 3),
                                  long_text + "\"" + long_text}) {
    const std::string written = json_object_of_strings({{"user", value}, {"sid", "s\"1"}});
    const boost::json::object expected{{"user", value}, {"sid", "s\"1"}};
    EXPECT_EQ(written, boost::json::serialize(expected)) << value;
    EXPECT_EQ(boost::json::parse(written).as_object().at("user").as_string(), value);
  }
  EXPECT_EQ(json_object_of_strings({}), "{}");
}

}  // namespace
}  // namespace revbench::server

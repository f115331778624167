#include "harness/jwt/key_ring.hpp"

#include <gtest/gtest.h>

#include "harness/jwt/codec.hpp"

namespace revbench::jwt {
namespace {

TEST(KeyRing, FirstKeySignsUntilAnotherIsMadeCurrent) {
  KeyRing ring;
  EXPECT_THROW((void)ring.current(), std::logic_error);
  ring.add(Key::hmac("k1", "secret-one-secret-one-secret-one"));
  ring.add(Key::hmac("k2", "secret-two-secret-two-secret-two"));
  EXPECT_EQ(ring.current().kid(), "k1");
  ring.add(Key::hmac("k3", "secret-three-secret-three-secret"), true);
  EXPECT_EQ(ring.current().kid(), "k3");
  EXPECT_EQ(ring.kids(), (std::vector<std::string>{"k1", "k2", "k3"}));
}

TEST(KeyRing, RetiredKidsFailAsUnknown) {
  KeyRing ring;
  ring.add(Key::hmac("old", "old-secret-old-secret-old-secret"));
  const std::string token = sign(ring.current(), {{"sub", "a"}, {"exp", 2e9}});
  ring.add(Key::hmac("new", "new-secret-new-secret-new-secret"), true);
  EXPECT_TRUE(verify(token, ring, {}, 1e9));
  ring.retire("old");
  const auto result = verify(token, ring, {}, 1e9);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason, Reason::unknown_kid);
  EXPECT_EQ(ring.current().kid(), "new");
}

TEST(KeyRing, RefusesDuplicatesAndRetiringTheSigningKey) {
  KeyRing ring;
  ring.add(Key::hmac("k", "secret-secret-secret-secret-1234"));
  EXPECT_THROW(ring.add(Key::hmac("k", "another-secret-another-secret-12")), std::invalid_argument);
  EXPECT_THROW(ring.retire("k"), std::logic_error);
}

}  // namespace
}  // namespace revbench::jwt

#include "harness/jwt/claims.hpp"

#include <gtest/gtest.h>

#include <set>

#include "harness/jwt/base64url.hpp"

namespace revbench::jwt {
namespace {

TEST(Claims, RoundTripThroughAPayload) {
  Claims claims{"alice", random_id(), random_id(), 100, 160, 100000123, 3, "refresh"};
  const auto back = Claims::from_payload(claims.to_payload());
  ASSERT_TRUE(back) << back.error().detail;
  EXPECT_EQ(back->sub, "alice");
  EXPECT_EQ(back->jti, claims.jti);
  EXPECT_EQ(back->sid, claims.sid);
  EXPECT_EQ(back->iat, 100);
  EXPECT_EQ(back->exp, 160);
  EXPECT_EQ(back->iat_us, 100000123);
  EXPECT_EQ(back->ver, 3);
  EXPECT_EQ(back->use, "refresh");
}

TEST(Claims, MissingOrMistypedClaimsAreMalformed) {
  const Claims claims{"alice", "j", "s", 100, 160, 0, std::nullopt, "access"};
  for (const char* name : {"sub", "jti", "sid", "iat", "exp", "use"}) {
    auto payload = claims.to_payload();
    payload.erase(name);
    const auto result = Claims::from_payload(payload);
    ASSERT_FALSE(result) << name;
    EXPECT_EQ(result.error().reason, Reason::malformed);
    EXPECT_NE(result.error().detail.find(name), std::string::npos);
  }
  auto payload = claims.to_payload();
  payload["exp"] = "soon";
  EXPECT_FALSE(Claims::from_payload(payload));
  payload = claims.to_payload();
  payload["sub"] = 42;
  EXPECT_FALSE(Claims::from_payload(payload));
  payload = claims.to_payload();
  payload["use"] = "admin";
  EXPECT_FALSE(Claims::from_payload(payload));
  payload = claims.to_payload();
  payload["ver"] = 1.5;
  EXPECT_FALSE(Claims::from_payload(payload));
}

TEST(Claims, RandomIdsAre128BitsAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = random_id();
    EXPECT_EQ(base64url_decode(id)->size(), 16U);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000U);
}

}  // namespace
}  // namespace revbench::jwt

// Publishing keys as JWKs: the public half of every asymmetric key round-trips
// through key_from_jwk and verifies what the private key signed; an HMAC
// secret is never published.
#include "harness/jwt/jwk.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "harness/jwt/codec.hpp"
#include "harness/jwt/key_ring.hpp"

namespace revbench::jwt {
namespace {

class PublicJwk : public ::testing::TestWithParam<Algorithm> {};

TEST_P(PublicJwk, RoundTripsAndVerifiesWithoutThePrivateHalf) {
  const Key signer = Key::generate(GetParam(), "k7");
  const auto published = public_jwk(signer);
  EXPECT_EQ(published.at("kid").as_string(), "k7");
  EXPECT_EQ(published.at("alg").as_string(), to_string(GetParam()));
  EXPECT_EQ(published.at("use").as_string(), "sig");
  EXPECT_FALSE(published.contains("d")) << "a private member was published";

  const Key verifier = key_from_jwk(published);
  EXPECT_FALSE(verifier.can_sign());
  EXPECT_EQ(verifier.algorithm(), GetParam());
  KeyRing ring;
  ring.add(verifier);
  const std::string token = sign(signer, {{"sub", "u"}, {"exp", 4e9}});
  EXPECT_TRUE(verify(token, ring, {}, 1e9));
  const std::string other = sign(Key::generate(GetParam(), "k7"), {{"sub", "u"}, {"exp", 4e9}});
  EXPECT_FALSE(verify(other, ring, {}, 1e9)) << "another key's signature verified";
}

INSTANTIATE_TEST_SUITE_P(Each, PublicJwk, ::testing::Values(Algorithm::RS256, Algorithm::ES256, Algorithm::EdDSA),
                         [](const auto& param_info) { return std::string(to_string(param_info.param)); });

TEST(PublicJwkOfSecret, IsRefused) {
  EXPECT_THROW(public_jwk(Key::hmac("k1", std::string(32, 's'))), std::invalid_argument);
}

}  // namespace
}  // namespace revbench::jwt

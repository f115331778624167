#include "harness/jwt/codec.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "harness/jwt/base64url.hpp"

namespace revbench::jwt {
namespace {

constexpr double now = 1'800'000'000;

boost::json::object payload(double exp = now + 60) {
  return {{"sub", "alice"}, {"exp", exp}, {"iat", now - 1}};
}

// Builds a token by hand, so tests can forge what sign() never produces.
std::string forge(const boost::json::object& header, const boost::json::object& body, const std::string& signature) {
  return base64url_encode(boost::json::serialize(header)) + "." + base64url_encode(boost::json::serialize(body)) +
         "." + base64url_encode(signature);
}

class CodecTest : public ::testing::Test {
 protected:
  CodecTest() {
    ring.add(Key::hmac("hs", std::string(32, 'k')));
    ring.add(Key::generate(Algorithm::RS256, "rs"));
  }
  Verified<VerifiedToken> check(const std::string& token, VerifyOptions options = {}) {
    return verify(token, ring, options, now);
  }
  Reason reason_of(const std::string& token, VerifyOptions options = {}) {
    auto result = check(token, options);
    EXPECT_FALSE(result) << "token was accepted";
    return result ? Reason::malformed : result.error().reason;
  }
  KeyRing ring;
};

TEST_F(CodecTest, EveryAlgorithmRoundTrips) {
  for (auto alg : {Algorithm::HS256, Algorithm::RS256, Algorithm::ES256, Algorithm::EdDSA}) {
    KeyRing one;
    one.add(Key::generate(alg, "k1"));
    const auto verified = verify(sign(one.current(), payload()), one, {}, now);
    ASSERT_TRUE(verified) << to_string(alg) << ": " << verified.error().detail;
    EXPECT_EQ(verified->alg, alg);
    EXPECT_EQ(verified->kid, "k1");
    EXPECT_EQ(verified->payload.at("sub").as_string(), "alice");
  }
}

TEST_F(CodecTest, PemKeysSignAndVerify) {
  const Key generated = Key::generate(Algorithm::ES256, "ec");
  const Key public_only = Key::from_pem(Algorithm::ES256, "ec", generated.public_pem());
  EXPECT_FALSE(public_only.can_sign());
  EXPECT_THROW((void)public_only.sign("x"), std::logic_error);
  KeyRing verifier;
  verifier.add(public_only);
  EXPECT_TRUE(verify(sign(generated, payload()), verifier, {}, now));
  EXPECT_THROW((void)Key::from_pem(Algorithm::RS256, "wrong", generated.public_pem()), std::invalid_argument);
}

TEST_F(CodecTest, RejectsAlgNone) {
  const auto token = forge({{"alg", "none"}, {"typ", "JWT"}, {"kid", "hs"}}, payload(), "");
  EXPECT_EQ(reason_of(token), Reason::bad_signature);
  EXPECT_EQ(reason_of(forge({{"alg", "None"}, {"typ", "JWT"}}, payload(), "")), Reason::bad_signature);
}

// The classic confusion: an HS256 token whose MAC key is the RS256 public key.
TEST_F(CodecTest, RejectsHs256MacKeyedWithTheRsaPublicKey) {
  const Key confused = Key::hmac("rs", ring.find("rs")->public_pem());
  const auto token = sign(confused, payload());
  const auto result = check(token);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().reason, Reason::bad_signature);
  EXPECT_NE(result.error().detail.find("does not match"), std::string::npos);
}

TEST_F(CodecTest, RejectsUnknownKid) {
  KeyRing other;
  other.add(Key::hmac("gone", std::string(32, 'x')));
  EXPECT_EQ(reason_of(sign(other.current(), payload())), Reason::unknown_kid);
  EXPECT_EQ(reason_of(forge({{"alg", "HS256"}, {"typ", "JWT"}, {"kid", 7}}, payload(), "")), Reason::malformed);
}

TEST_F(CodecTest, RejectsExpiredUnlessWithinLeeway) {
  const auto token = sign(*ring.find("hs"), payload(now - 5));
  EXPECT_EQ(reason_of(token), Reason::expired);
  VerifyOptions lenient;
  lenient.leeway = std::chrono::seconds(10);
  EXPECT_TRUE(check(token, lenient));
  EXPECT_EQ(reason_of(sign(*ring.find("hs"), payload(now))), Reason::expired);  // exp is exclusive
}

TEST_F(CodecTest, RejectsNotYetValid) {
  auto body = payload();
  body["nbf"] = now + 30;
  EXPECT_EQ(reason_of(sign(*ring.find("hs"), body)), Reason::not_yet_valid);
  body = payload();
  body["iat"] = now + 30;
  EXPECT_EQ(reason_of(sign(*ring.find("hs"), body)), Reason::not_yet_valid);
}

TEST_F(CodecTest, RejectsTamperedPayloadAndSignature) {
  const auto token = sign(*ring.find("hs"), payload());
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  auto evil = payload();
  evil["sub"] = "admin";
  const std::string tampered =
      token.substr(0, first + 1) + base64url_encode(boost::json::serialize(evil)) + token.substr(second);
  EXPECT_EQ(reason_of(tampered), Reason::bad_signature);

  std::string flipped = token;
  flipped[second + 3] = flipped[second + 3] == 'A' ? 'B' : 'A';
  EXPECT_EQ(reason_of(flipped), Reason::bad_signature);
}

TEST_F(CodecTest, RejectsMalformedShapes) {
  const auto token = sign(*ring.find("hs"), payload());
  EXPECT_EQ(reason_of(""), Reason::malformed);
  EXPECT_EQ(reason_of("abc"), Reason::malformed);
  EXPECT_EQ(reason_of(token.substr(0, token.rfind('.'))), Reason::malformed);
  EXPECT_EQ(reason_of(token + ".x"), Reason::malformed);
  EXPECT_EQ(reason_of("!!!." + token.substr(token.find('.') + 1)), Reason::malformed);
  EXPECT_EQ(reason_of(base64url_encode("not json") + token.substr(token.find('.'))), Reason::malformed);
  EXPECT_EQ(reason_of(std::string(10000, 'a')), Reason::malformed);
}

TEST_F(CodecTest, RequiresTypAndRefusesCrit) {
  const Key& hs = *ring.find("hs");
  const std::string input_untyped = base64url_encode(R"({"alg":"HS256","kid":"hs"})") + "." +
                                    base64url_encode(boost::json::serialize(payload()));
  EXPECT_EQ(reason_of(input_untyped + "." + base64url_encode(hs.sign(input_untyped))), Reason::malformed);
  EXPECT_TRUE(check(sign(hs, payload(), "jwt")));  // typ compares case-insensitively

  const std::string input_crit = base64url_encode(R"({"alg":"HS256","typ":"JWT","kid":"hs","crit":["x"],"x":1})") +
                                 "." + base64url_encode(boost::json::serialize(payload()));
  EXPECT_EQ(reason_of(input_crit + "." + base64url_encode(hs.sign(input_crit))), Reason::malformed);
}

TEST_F(CodecTest, RejectsMissingOrNonNumericExp) {
  const Key& hs = *ring.find("hs");
  EXPECT_EQ(reason_of(sign(hs, {{"sub", "alice"}})), Reason::malformed);
  EXPECT_EQ(reason_of(sign(hs, {{"sub", "alice"}, {"exp", "tomorrow"}})), Reason::malformed);
}

// Raw JSON text, validly signed with the HS256 key: what a parser differential needs.
std::string signed_raw(const std::string& header_json, const std::string& payload_json) {
  const std::string input = base64url_encode(header_json) + "." + base64url_encode(payload_json);
  return input + "." + base64url_encode(Key::hmac("hs", std::string(32, 'k')).sign(input));
}

TEST_F(CodecTest, MembersNamedTwiceAreRefusedWhereverTheyAre) {
  const std::string header = R"({"alg":"HS256","typ":"JWT","kid":"hs"})";
  const std::string body = R"({"sub":"alice","exp":1800000060)";
  ASSERT_TRUE(check(signed_raw(header, body + "}")));
  for (const auto& [h, b] : std::vector<std::pair<std::string, std::string>>{
           {header, body + R"(,"sub":"admin"})"},                       // payload, top level
           {header, body + R"(,"x":{"a":1,"a":2}})"},                   // payload, nested
           {header, body + R"(,"\u0073ub":"admin"})"},                  // an escape names the same member
           {R"({"alg":"HS256","typ":"JWT","kid":"hs","alg":"none"})", body + "}"},  // header
       }) {
    const auto result = check(signed_raw(h, b));
    ASSERT_FALSE(result) << h << "." << b;
    EXPECT_EQ(result.error().reason, Reason::malformed);
  }
  // The same name in sibling objects is two members, not a duplicate.
  EXPECT_TRUE(check(signed_raw(header, body + R"(,"x":{"a":1},"y":{"a":2}})")));
}

}  // namespace
}  // namespace revbench::jwt

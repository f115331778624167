// The one-pass claims reader against the DOM reader it replaces on the hot
// path: on every payload both refuse, or both read the same claims and give
// the same verdict on them and on their times. The fuzz target jwt_verify
// checks the same agreement on arbitrary bytes.
#include "harness/jwt/claims_reader.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/jwt/duplicate_members.hpp"
#include "harness/jwt/flat_claims_scanner.hpp"
#include "harness/jwt/key_ring.hpp"

namespace revbench::jwt {
namespace {

// read_claims as an optional, to compare with the DOM reader's.
std::optional<ClaimValues> read_claims_optional(std::string_view json) {
  ClaimValues values;
  if (!read_claims(json, values)) return std::nullopt;
  return values;
}

// The document and the values that view its strings, kept together.
struct DomClaims {
  boost::json::value document;
  ClaimValues values;
};

std::optional<DomClaims> dom_claims(std::string_view json) {
  if (has_duplicate_members(json)) return std::nullopt;
  boost::system::error_code ec;
  DomClaims read{boost::json::parse(json, ec), {}};
  if (ec || !read.document.is_object()) return std::nullopt;
  // Moving the document later moves its handle, not the strings it owns.
  read.values = ClaimValues::from_object(read.document.as_object());
  return read;
}

void expect_same(const ClaimValue& a, const ClaimValue& b, std::string_view name) {
  EXPECT_EQ(a.kind, b.kind) << name;
  EXPECT_EQ(a.text, b.text) << name;
  EXPECT_EQ(a.int64, b.int64) << name;
  EXPECT_EQ(a.uint64, b.uint64) << name;
  EXPECT_EQ(a.number, b.number) << name;
}

// Returns what both readers read, after checking they agree.
std::optional<ClaimValues> agreed(std::string_view json) {
  auto fast = read_claims_optional(json);
  const auto dom = dom_claims(json);
  EXPECT_EQ(fast.has_value(), dom.has_value()) << json;
  if (!fast || !dom) return std::nullopt;
  expect_same(fast->sub, dom->values.sub, "sub");
  expect_same(fast->jti, dom->values.jti, "jti");
  expect_same(fast->sid, dom->values.sid, "sid");
  expect_same(fast->use, dom->values.use, "use");
  expect_same(fast->iat, dom->values.iat, "iat");
  expect_same(fast->exp, dom->values.exp, "exp");
  expect_same(fast->nbf, dom->values.nbf, "nbf");
  expect_same(fast->iat_us, dom->values.iat_us, "iat_us");
  expect_same(fast->ver, dom->values.ver, "ver");
  return fast;
}

constexpr std::string_view valid =
    R"({"sub":"user-000001","jti":"AAECAwQFBgcICQoLDA0ODw","sid":"s1","iat":1700000000,"exp":1700000060,)"
    R"("iat_us":1700000000123456,"ver":3,"use":"access"})";

TEST(ClaimsReader, ReadsEveryClaimOfARevbenchToken) {
  auto values = agreed(valid);
  ASSERT_TRUE(values);
  auto claims = values->claims();
  ASSERT_TRUE(claims) << claims.error().detail;
  EXPECT_EQ(claims->sub, "user-000001");
  EXPECT_EQ(claims->jti, "AAECAwQFBgcICQoLDA0ODw");
  EXPECT_EQ(claims->sid, "s1");
  EXPECT_EQ(claims->iat, 1700000000);
  EXPECT_EQ(claims->exp, 1700000060);
  EXPECT_EQ(claims->iat_us, 1700000000123456);
  EXPECT_EQ(claims->ver, 3);
  EXPECT_EQ(claims->use, "access");
}

TEST(ClaimsReader, RefusesWhatIsNotOneObjectWithUniqueNames) {
  for (const std::string_view json : {
           R"({"sub":"a","sub":"b"})",                      // the attack: which sub?
           R"({"s\u0075b":"a","sub":"b"})",                 // the same name, escaped
           R"({"x":{"k":1,"k":2}})",                        // at any depth
           R"({"x":[{"k":1},{"k":1,"k":2}]})",              // inside an array
           R"(["sub","a"])", R"("sub")", "42", "null", "",   // not an object
           R"({"sub":"a"} {})", R"({"sub":"a"},)",          // trailing bytes
           R"({"sub":"a")", R"({"sub":})", R"({'sub':'a'})",  // not JSON
           R"({"sub":"a"/*c*/})", R"({"sub":"a",})",         // no extensions
       }) {
    EXPECT_FALSE(read_claims_optional(json)) << json;
    EXPECT_FALSE(dom_claims(json)) << json;
  }
}

TEST(ClaimsReader, NamesMayRepeatInDifferentObjects) {
  const auto values = agreed(R"({"sub":"outer","a":{"sub":"inner","b":{"sub":1}},"c":[{"k":1},{"k":2}]})");
  ASSERT_TRUE(values);
  EXPECT_EQ(values->sub.text, "outer");  // only the top level fills claims
}

TEST(ClaimsReader, ValuesOfEveryTypeReadAsTheDomReadsThem) {
  for (const std::string_view json : {
           R"({"sub":{"nested":"x"},"jti":["a"],"sid":null,"use":true,"iat":false})",
           R"({"exp":1.7e9,"iat":-5,"nbf":18446744073709551615,"ver":9223372036854775807})",
           R"({"exp":9223372036854775808,"iat":0.0,"iat_us":-0,"nbf":1e400})",
           R"({"sub":"a\"b\\c\u00e9\ud83d\ude00","use":"\u0061ccess","sid":""})",
           R"({"unknown":{"deep":[1,2,{"x":[null]}]},"sub":"after-a-nested-value","exp":1})",
           R"({"iat_us":"12","ver":"3","exp":"1700000060"})",
           " \t{\"sub\" : \"spaced\" }\r\n ",
       }) {
    auto values = agreed(json);
    ASSERT_TRUE(values) << json;
  }
}

TEST(ClaimsReader, LongEscapedStringsArriveInPartsAndAreKeptWhole) {
  // Escapes make the parser unescape through a bounded buffer, handing the
  // value over in parts.
  std::string sub;
  for (int i = 0; i < 3000; ++i) sub += "\\u0041\\n";
  std::string key(5000, 'k');
  const std::string json = R"({"sub":")" + sub + R"(",")" + key + R"(\u0041":1,")" + key + R"(A":2})";
  EXPECT_FALSE(read_claims_optional(json));  // the two long names are the same once unescaped
  const std::string unique = R"({"sub":")" + sub + R"(",")" + key + R"(\u0041":1})";
  const auto values = agreed(unique);
  ASSERT_TRUE(values);
  EXPECT_EQ(values->sub.text.size(), 6000u);
}

// The flat path takes what revbench signs and declines the rest, which the
// full reader then reads to the same values (agreed() checks read_claims,
// whichever path answered).
TEST(FlatClaimsScanner, TakesRevbenchPayloadsAndDeclinesEveryOtherShape) {
  ClaimValues values;
  EXPECT_TRUE(scan_flat_claims(valid, values));
  EXPECT_EQ(values.jti.text, "AAECAwQFBgcICQoLDA0ODw");
  EXPECT_EQ(values.iat_us.int64, 1700000000123456);
  for (const std::string_view json : {"{}", " {\"a\" : true , \"b\":null,\"c\":false, \"exp\": -17 }\n",
                                      R"({"exp":0,"x":"","":"empty name"})", R"({"exp":999999999999999999})"}) {
    ClaimValues flat;
    EXPECT_TRUE(scan_flat_claims(json, flat)) << json;
    agreed(json);
  }
  for (const std::string_view json : {
           R"({"sub":"a\u0062"})", "{\"sub\":\"caf\xc3\xa9\"}", "{\"sub\":\"tab\there\"}",  // escapes, non-ASCII, controls
           R"({"exp":1.5})", R"({"exp":1e3})", R"({"exp":-0})", R"({"exp":01})", R"({"exp":-})",
           R"({"exp":1000000000000000000})", R"({"exp":123456789012345678901234567890})",  // past 18 digits
           R"({"a":{}})", R"({"a":[]})", R"({"sub":"a","sub":"b"})", R"({"x":1,"x":2})",
           R"({"sub":"a"} x)", R"({"sub":"a",})", R"({"sub" "a"})", R"({"sub":tru})", R"([])", "",
       }) {
    ClaimValues declined;
    EXPECT_FALSE(scan_flat_claims(json, declined)) << json;
    agreed(json);
  }
}

// Strings long enough for the scanner's 16-byte steps: a byte that is not
// plain printable ASCII at any position declines, as the byte loop would.
TEST(FlatClaimsScanner, LongStringsDeclineAtEveryPosition) {
  const std::string plain(40, 'x');
  ClaimValues taken;
  const std::string taken_json = "{\"sub\":\"" + plain + "\",\"exp\":1}";  // the values view it
  ASSERT_TRUE(scan_flat_claims(taken_json, taken));
  EXPECT_EQ(taken.sub.text, plain);
  for (std::size_t at = 0; at < plain.size(); ++at) {
    for (const char bad : {'\\', '\x7f', '\x1f', '\t', '\x80', '\xff'}) {
      std::string text = plain;
      text[at] = bad;
      const std::string json = "{\"sub\":\"" + text + "\",\"exp\":1}";
      ClaimValues declined;
      EXPECT_FALSE(scan_flat_claims(json, declined)) << "byte " << static_cast<int>(static_cast<unsigned char>(bad)) << " at " << at;
      agreed(json);
    }
    // A quote ends the string early: what follows is not JSON.
    std::string cut = plain;
    cut[at] = '"';
    ClaimValues broken;
    EXPECT_FALSE(scan_flat_claims("{\"sub\":\"" + cut + "\",\"exp\":1}", broken)) << "quote at " << at;
  }
}

// verify_claims (one pass) against verify + Claims::from_payload (the DOM):
// the same token gives the same claims or the same reason and detail.
std::string token_with_payload(const Key& key, std::string_view payload) {
  const std::string some = sign(key, {});
  std::string input = some.substr(0, some.find('.')) + "." + base64url_encode(payload);
  const std::string signature = key.sign(input);
  return input + "." + base64url_encode(signature);
}

TEST(ClaimsReader, VerifyClaimsAgreesWithTheDomVerifyOnEveryVerdict) {
  KeyRing ring;
  ring.add(Key::hmac("k1", std::string(32, 'k')));
  const double now = 1700000030;
  for (const std::string_view payload : std::initializer_list<std::string_view>{
           valid,
           R"({"sub":"u","jti":"j","sid":"s","iat":1700000000,"exp":1700000010,"use":"access"})",   // expired
           R"({"sub":"u","jti":"j","sid":"s","iat":1700000000,"exp":1700000060,"nbf":1800000000,"use":"access"})",
           R"({"sub":"u","jti":"j","sid":"s","iat":1800000000,"exp":1800000060,"use":"access"})",   // iat ahead
           R"({"sub":"u","jti":"j","sid":"s","iat":1700000000,"use":"access"})",                    // no exp
           R"({"sub":"u","jti":"j","sid":"s","iat":1700000000,"exp":"soon","use":"access"})",
           R"({"sub":"u","jti":"j","sid":"s","iat":1.5,"exp":1700000060,"use":"access"})",          // not integer
           R"({"sub":"","jti":"j","sid":"s","iat":1700000000,"exp":1700000060,"use":"access"})",
           R"({"sub":"u","jti":"j","sid":"s","iat":1700000000,"exp":1700000060,"use":"reset"})",
           R"({"sub":"u","jti":"j","sid":"s","iat":1700000000,"exp":1700000060,"use":"access","ver":null})",
           R"({"sub":"u","sub":"v","jti":"j","sid":"s","iat":1700000000,"exp":1700000060,"use":"access"})",
           R"([1,2])",
       }) {
    const auto fast = verify_claims(token_with_payload(ring.current(), payload), ring, {}, now);
    const auto dom = verify(token_with_payload(ring.current(), payload), ring, {}, now);
    std::optional<Verified<Claims>> dom_claims;
    if (dom) dom_claims = Claims::from_payload(dom->payload);
    const bool dom_ok = dom && *dom_claims;
    ASSERT_EQ(fast.has_value(), dom_ok) << payload;
    if (fast) {
      EXPECT_EQ(fast->kid, dom->kid);
      EXPECT_EQ(fast->claims.sub, (*dom_claims)->sub);
      EXPECT_EQ(fast->claims.exp, (*dom_claims)->exp);
      EXPECT_EQ(fast->claims.ver, (*dom_claims)->ver);
      continue;
    }
    const Rejection& expected = dom ? dom_claims->error() : dom.error();
    EXPECT_EQ(fast.error().reason, expected.reason) << payload;
    EXPECT_EQ(fast.error().detail, expected.detail) << payload;
  }
}

}  // namespace
}  // namespace revbench::jwt

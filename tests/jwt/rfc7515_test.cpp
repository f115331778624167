// Known answers from RFC 7515 Appendix A and RFC 8037 Appendix A.4.
#include "harness/jwt/codec.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/jwk.hpp"

namespace revbench::jwt {
namespace {

constexpr double before_example_exp = 1300819300;  // the examples expire at 1300819380
constexpr char payload_b64[] =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

Key jwk(const char* json) { return key_from_jwk(boost::json::parse(json).as_object(), "example"); }

KeyRing ring_of(Key key) {
  KeyRing ring;
  ring.add(std::move(key));
  return ring;
}

VerifyOptions untyped() {
  VerifyOptions options;
  options.typ = std::nullopt;  // the RFC's A.2-A.4 examples carry no typ
  return options;
}

// A.1: HMAC SHA-256.
TEST(Rfc7515, A1Hs256SignatureAndVerification) {
  const Key key = jwk(R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"})");
  const std::string input = std::string("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.") + payload_b64;
  EXPECT_EQ(base64url_encode(key.sign(input)), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  const auto verified = verify(input + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", ring_of(key), {}, before_example_exp);
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_EQ(verified->payload.at("iss").as_string(), "joe");
  EXPECT_TRUE(verified->payload.at("http://example.com/is_root").as_bool());
}

// A.2: RSASSA-PKCS1-v1_5 SHA-256 is deterministic, so signing is a known answer too.
TEST(Rfc7515, A2Rs256SignatureAndVerification) {
  const Key key = jwk(R"({"kty":"RSA",
    "n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
    "e":"AQAB",
    "d":"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ"})");
  const std::string input = std::string("eyJhbGciOiJSUzI1NiJ9.") + payload_b64;
  const std::string expected =
      "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
  EXPECT_EQ(base64url_encode(key.sign(input)), expected);
  const auto verified = verify(input + "." + expected, ring_of(key), untyped(), before_example_exp);
  ASSERT_TRUE(verified) << verified.error().detail;
  EXPECT_EQ(verified->alg, Algorithm::RS256);
}

// A.3: ECDSA P-256 signatures are randomized: the published one must verify.
TEST(Rfc7515, A3Es256Verification) {
  const Key key = jwk(R"({"kty":"EC","crv":"P-256",
    "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})");
  const std::string token = std::string("eyJhbGciOiJFUzI1NiJ9.") + payload_b64 +
                            ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
  const auto verified = verify(token, ring_of(key), untyped(), before_example_exp);
  ASSERT_TRUE(verified) << verified.error().detail;
  // And our own ES256 signatures verify under the same key.
  const std::string input = std::string("eyJhbGciOiJFUzI1NiJ9.") + payload_b64;
  EXPECT_EQ(key.sign(input).size(), 64U);
  EXPECT_TRUE(key.verify(input, key.sign(input)));
}

// RFC 8037 A.4: Ed25519 is deterministic.
TEST(Rfc8037, A4EdDsaSignature) {
  const Key key = jwk(R"({"kty":"OKP","crv":"Ed25519",
    "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
    "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})");
  const std::string input = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
  EXPECT_EQ(base64url_encode(key.sign(input)),
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
}

}  // namespace
}  // namespace revbench::jwt

// RFC 4231's HMAC-SHA256 test cases, and agreement with OpenSSL's one-shot
// HMAC for every key length around the block size (where the key is hashed).
#include "harness/jwt/hmac_sha256.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

namespace revbench::jwt {
namespace {

std::string hex(const HmacSha256::Mac& mac) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char byte : mac) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

std::string openssl_hmac(const std::string& key, const std::string& message) {
  HmacSha256::Mac out{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out.data(), &len);
  EXPECT_EQ(len, out.size());
  return hex(out);
}

TEST(HmacSha256, Rfc4231TestCase1) {
  const HmacSha256 mac(std::string(20, '\x0b'));
  EXPECT_EQ(hex(mac.mac("Hi There")), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256, Rfc4231TestCase2KeyShorterThanOutput) {
  const HmacSha256 mac("Jefe");
  EXPECT_EQ(hex(mac.mac("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, Rfc4231TestCase6KeyLargerThanBlock) {
  const HmacSha256 mac(std::string(131, '\xaa'));
  EXPECT_EQ(hex(mac.mac("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, AgreesWithOpenSslAroundTheBlockSize) {
  std::string message;
  for (int i = 0; i < 300; ++i) message += static_cast<char>(i * 7);
  for (const std::size_t key_size : {1, 31, 32, 33, 63, 64, 65, 128, 200}) {
    std::string key;
    for (std::size_t i = 0; i < key_size; ++i) key += static_cast<char>(i * 13 + 1);
    const HmacSha256 mac(key);
    for (const std::size_t length : {0, 1, 55, 56, 63, 64, 65, 119, 120, 300})
      EXPECT_EQ(hex(mac.mac(std::string_view(message).substr(0, length))), openssl_hmac(key, message.substr(0, length)))
          << "key " << key_size << " bytes, message " << length << " bytes";
  }
}

TEST(HmacSha256, OneKeyGivesTheSameMacTwice) {
  const HmacSha256 mac("a key");
  EXPECT_EQ(hex(mac.mac("message")), hex(mac.mac("message")));
  EXPECT_NE(hex(mac.mac("message")), hex(mac.mac("messagf")));
}

// Every byte of the MAC is compared: a flip of any bit, in any of the four
// words, is refused, and so is a MAC one byte short or long.
TEST(HmacSha256, MatchesOnlyItsOwnMacInFull) {
  const HmacSha256 key("a key");
  const auto mac = key.mac("message");
  const std::string right(reinterpret_cast<const char*>(mac.data()), mac.size());
  EXPECT_TRUE(key.matches("message", right));
  EXPECT_FALSE(key.matches("messagf", right));
  for (std::size_t byte = 0; byte < right.size(); ++byte)
    for (int bit = 0; bit < 8; ++bit) {
      std::string forged = right;
      forged[byte] = static_cast<char>(forged[byte] ^ (1 << bit));
      EXPECT_FALSE(key.matches("message", forged)) << "byte " << byte << " bit " << bit;
    }
  EXPECT_FALSE(key.matches("message", right.substr(0, right.size() - 1)));
  EXPECT_FALSE(key.matches("message", right + '\0'));
  EXPECT_FALSE(key.matches("message", ""));
}

}  // namespace
}  // namespace revbench::jwt

#include "harness/jwt/base64url.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace revbench::jwt {
namespace {

TEST(Base64url, EncodesWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64url, RoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t len = 0; len <= all.size(); len += 37) {
    const std::string bytes = all.substr(0, len);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
  }
}

TEST(Base64url, RejectsWhatIsNotCanonical) {
  EXPECT_FALSE(base64url_decode("Zg=="));   // padding
  EXPECT_FALSE(base64url_decode("Zm9+"));   // standard alphabet
  EXPECT_FALSE(base64url_decode("Zm9/"));
  EXPECT_FALSE(base64url_decode("Z"));      // impossible length
  EXPECT_FALSE(base64url_decode("Zh"));     // non-zero trailing bits: "Zg" is the encoding
  EXPECT_FALSE(base64url_decode("Zm 9v"));  // whitespace
  EXPECT_EQ(base64url_decode("Zg"), "f");
}

// RFC 4648 §5 one character at a time: what the block decoder must agree with.
std::optional<std::string> reference_decode(std::string_view text) {
  constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (const char c : text) {
    const auto value = alphabet.find(c);
    if (value == std::string_view::npos) return std::nullopt;
    acc = ((acc << 6) | static_cast<unsigned>(value)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (bits > 0 && (acc & ((1U << bits) - 1)) != 0) return std::nullopt;
  return out;
}

TEST(Base64url, LongTextsDecodeAsTheReferenceDoes) {
  std::mt19937 random(7);
  for (std::size_t len = 0; len <= 200; ++len) {
    std::string bytes(len, '\0');
    for (auto& b : bytes) b = static_cast<char>(random());
    const std::string text = base64url_encode(bytes);
    ASSERT_EQ(base64url_decode(text), bytes) << "length " << len;
    ASSERT_EQ(reference_decode(text), bytes) << "length " << len;
  }
}

// Every byte value at every position of a text long enough for several
// 16-character blocks: refused exactly where the reference refuses, and
// decoded to the same bytes where it does not.
TEST(Base64url, EveryByteAtEveryPositionOfABlock) {
  const std::string text = base64url_encode("revbench decodes a token's payload sixteen characters at a time");
  ASSERT_GT(text.size(), 64U);
  for (std::size_t at = 0; at < text.size(); ++at) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string changed = text;
      changed[at] = static_cast<char>(byte);
      ASSERT_EQ(base64url_decode(changed), reference_decode(changed)) << "byte " << byte << " at " << at;
    }
  }
}

TEST(Base64url, DecodeIntoWritesNoMoreThanItReturns) {
  const std::string text = base64url_encode(std::string(48, 'x'));  // 64 characters: four blocks, no tail
  std::string out(base64url_decoded_capacity(text.size()) + 8, '#');
  const auto size = base64url_decode_into(text, out.data());
  ASSERT_EQ(size, 48U);
  EXPECT_EQ(out.substr(0, 48), std::string(48, 'x'));
  EXPECT_EQ(out.substr(48), std::string(out.size() - 48, '#'));
}

}  // namespace
}  // namespace revbench::jwt

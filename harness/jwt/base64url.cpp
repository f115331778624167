#include "harness/jwt/base64url.hpp"

#include <array>
#include <cstdint>

namespace revbench::jwt {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> make_decode_table() {
  std::array<std::int8_t, 256> table{};
  for (auto& entry : table) entry = -1;
  for (std::size_t i = 0; i < alphabet.size(); ++i)
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  return table;
}
constexpr auto decode_table = make_decode_table();

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (static_cast<std::uint8_t>(bytes[i]) << 16) |
                            (static_cast<std::uint8_t>(bytes[i + 1]) << 8) |
                            static_cast<std::uint8_t>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t v = static_cast<std::uint8_t>(bytes[i]) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
  } else if (rest == 2) {
    const std::uint32_t v = (static_cast<std::uint8_t>(bytes[i]) << 16) |
                            (static_cast<std::uint8_t>(bytes[i + 1]) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(base64url_decoded_capacity(text.size()), '\0');
  const auto size = base64url_decode_into(text, out.data());
  if (!size) return std::nullopt;
  out.resize(*size);
  return out;
}

std::optional<std::size_t> base64url_decode_into(std::string_view text, char* out) {
  if (text.size() % 4 == 1) return std::nullopt;
  char* to = out;
  std::size_t i = 0;
  // Four characters make three bytes: the hot path of every token check.
  for (; i + 4 <= text.size(); i += 4) {
    const std::int32_t a = decode_table[static_cast<unsigned char>(text[i])];
    const std::int32_t b = decode_table[static_cast<unsigned char>(text[i + 1])];
    const std::int32_t c = decode_table[static_cast<unsigned char>(text[i + 2])];
    const std::int32_t d = decode_table[static_cast<unsigned char>(text[i + 3])];
    if ((a | b | c | d) < 0) return std::nullopt;
    const auto v = static_cast<std::uint32_t>((a << 18) | (b << 12) | (c << 6) | d);
    *to++ = static_cast<char>(v >> 16);
    *to++ = static_cast<char>((v >> 8) & 0xFF);
    *to++ = static_cast<char>(v & 0xFF);
  }
  std::uint32_t acc = 0;
  int bits = 0;
  for (; i < text.size(); ++i) {
    const std::int8_t v = decode_table[static_cast<unsigned char>(text[i])];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *to++ = static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  // Leftover bits must be zero, or two encodings would decode to one value.
  if (bits > 0 && (acc & ((1U << bits) - 1)) != 0) return std::nullopt;
  return static_cast<std::size_t>(to - out);
}

}  // namespace revbench::jwt

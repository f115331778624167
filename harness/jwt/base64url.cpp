#include "harness/jwt/base64url.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define REVBENCH_BASE64_SSSE3 1
#endif

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

#ifdef REVBENCH_BASE64_SSSE3
// Sixteen characters to twelve bytes at a time (Muła and Lemire's packing,
// with range compares for the URL alphabet): a token's payload is its longest
// segment and every request decodes it. Returns how many characters it
// decoded, a multiple of 16; it stops before a block with a byte outside the
// alphabet and leaves that block to the scalar loop, which refuses it.
__attribute__((target("ssse3"))) std::size_t decode_blocks(std::string_view text, char*& to) {
  const auto in_range = [](__m128i c, char low, char high) {
    return _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8(static_cast<char>(low - 1))),
                         _mm_cmpgt_epi8(_mm_set1_epi8(static_cast<char>(high + 1)), c));
  };
  std::size_t i = 0;
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // Bytes from 0x80 compare negative (signed): in no range, so refused.
    const __m128i upper = in_range(c, 'A', 'Z');
    const __m128i lower = in_range(c, 'a', 'z');
    const __m128i digit = in_range(c, '0', '9');
    const __m128i dash = _mm_cmpeq_epi8(c, _mm_set1_epi8('-'));
    const __m128i underscore = _mm_cmpeq_epi8(c, _mm_set1_epi8('_'));
    const __m128i valid =
        _mm_or_si128(_mm_or_si128(upper, lower), _mm_or_si128(digit, _mm_or_si128(dash, underscore)));
    if (_mm_movemask_epi8(valid) != 0xFFFF) break;
    // Each range's distance from its characters to their 6-bit values.
    const __m128i offset = _mm_or_si128(
        _mm_or_si128(_mm_and_si128(upper, _mm_set1_epi8(-'A')), _mm_and_si128(lower, _mm_set1_epi8(26 - 'a'))),
        _mm_or_si128(_mm_and_si128(digit, _mm_set1_epi8(52 - '0')),
                     _mm_or_si128(_mm_and_si128(dash, _mm_set1_epi8(62 - '-')),
                                  _mm_and_si128(underscore, _mm_set1_epi8(63 - '_')))));
    const __m128i sextets = _mm_add_epi8(c, offset);
    // a*64 + b in each 16-bit lane, then ab*4096 + cd in each 32-bit lane ...
    const __m128i pairs = _mm_maddubs_epi16(sextets, _mm_set1_epi32(0x01400140));
    const __m128i words = _mm_madd_epi16(pairs, _mm_set1_epi32(0x00011000));
    // ... whose three low bytes, most significant first, are the output.
    const __m128i bytes = _mm_shuffle_epi8(words, _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(to), bytes);
    const auto last = static_cast<std::uint32_t>(_mm_cvtsi128_si32(_mm_srli_si128(bytes, 8)));
    std::memcpy(to + 8, &last, 4);
    to += 12;
  }
  return i;
}

bool has_ssse3() {
  static const bool yes = __builtin_cpu_supports("ssse3");
  return yes;
}
#endif

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
#ifdef REVBENCH_BASE64_SSSE3
  if (has_ssse3()) i = decode_blocks(text, to);
#endif
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

#include "harness/jwt/flat_claims_scanner.hpp"

#include <boost/container/static_vector.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace revbench::jwt {
namespace {

// Printable ASCII but the quote and the backslash: a string's plain bytes.
// Compares, not a table: a table is a cold cache line on every request.
constexpr bool plain_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u <= 0x7E && u != '"' && u != '\\';
}

class Cursor {
 public:
  explicit Cursor(std::string_view json) : p_(json.data()), end_(json.data() + json.size()) {}

  bool at_end() const { return p_ == end_; }
  bool next_is(char c) const { return p_ != end_ && *p_ == c; }
  bool take(char c) {
    if (!next_is(c)) return false;
    ++p_;
    return true;
  }
  void skip_whitespace() {
    // Compact JSON, the only kind revbench signs, has none: one test for that.
    if (p_ != end_ && static_cast<unsigned char>(*p_) > ' ') return;
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  // A string of printable ASCII without escapes; nullopt declines.
  std::optional<std::string_view> plain_string() {
    if (!take('"')) return std::nullopt;
    const char* start = p_;
    skip_plain_blocks();
    while (p_ != end_ && plain_byte(*p_)) ++p_;
    if (!next_is('"')) return std::nullopt;  // the end, an escape or a byte outside printable ASCII
    const std::string_view text(start, static_cast<std::size_t>(p_ - start));
    ++p_;
    return text;
  }

  // An integer of at most 18 digits (so int64 holds it, as the full parser
  // would type it); fractions, exponents, -0 and leading zeros decline.
  bool integer(ClaimValue& value) {
    const bool negative = take('-');
    const char* start = p_;
    // A 19th digit stops the loop: too long for this path either way.
    const char* stop = end_ - start > 19 ? start + 19 : end_;
    const char* p = start;  // a local, so the loop keeps it in a register
    std::uint64_t magnitude = 0;  // 19 digits fit in 64 unsigned bits
    for (unsigned digit = 0; p != stop && (digit = static_cast<unsigned char>(*p) - unsigned{'0'}) < 10; ++p)
      magnitude = magnitude * 10 + digit;
    p_ = p;
    const auto digits = p_ - start;
    if (digits == 0 || digits > 18 || (*start == '0' && (digits > 1 || negative))) return false;
    if (next_is('.') || next_is('e') || next_is('E')) return false;
    value.kind = ClaimValue::Kind::int64;
    value.int64 = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
    value.number = static_cast<double>(value.int64);
    return true;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  bool value(ClaimValue& value) {
    if (next_is('"')) {
      const auto text = plain_string();
      if (!text) return false;
      value.kind = ClaimValue::Kind::string;
      value.text = *text;  // a view into the JSON: plain strings need no unescaping
      return true;
    }
    if (next_is('-') || (p_ != end_ && *p_ >= '0' && *p_ <= '9')) return integer(value);
    if (literal("true") || literal("false") || literal("null")) {
      value.kind = ClaimValue::Kind::other;
      return true;
    }
    return false;  // an object, an array, or not JSON
  }

 private:
  // Whole 16-byte blocks of plain bytes at once; the byte loop does the rest
  // (and never reads past the end).
  void skip_plain_blocks() {
#if defined(__SSE2__)
    while (end_ - p_ >= 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p_));
      // Signed compares: bytes from 0x80 are negative, so below the space too.
      const __m128i control = _mm_cmplt_epi8(block, _mm_set1_epi8(' '));
      const __m128i del = _mm_cmpeq_epi8(block, _mm_set1_epi8(0x7F));
      const __m128i quote = _mm_cmpeq_epi8(block, _mm_set1_epi8('"'));
      const __m128i backslash = _mm_cmpeq_epi8(block, _mm_set1_epi8('\\'));
      const int stops = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(control, del), _mm_or_si128(quote, backslash)));
      if (stops != 0) {
        p_ += __builtin_ctz(static_cast<unsigned>(stops));
        return;
      }
      p_ += 16;
    }
#endif
  }

  const char* p_;
  const char* end_;
};

}  // namespace

bool scan_flat_claims(std::string_view json, ClaimValues& values) {
  Cursor in(json);
  boost::container::static_vector<const ClaimValue*, 9> filled;  // each slot at most once
  boost::container::static_vector<std::string_view, 16> others;
  in.skip_whitespace();
  if (!in.take('{')) return false;
  in.skip_whitespace();
  if (!in.take('}')) {
    for (;;) {
      const auto name = in.plain_string();
      if (!name) return false;
      in.skip_whitespace();
      if (!in.take(':')) return false;
      in.skip_whitespace();
      ClaimValue ignored;
      ClaimValue* slot = values.slot(*name);
      if (slot != nullptr) {
        if (std::find(filled.begin(), filled.end(), slot) != filled.end()) return false;
        filled.push_back(slot);
      } else {
        if (others.size() == others.capacity() || std::find(others.begin(), others.end(), *name) != others.end()) return false;
        others.push_back(*name);
      }
      if (!in.value(slot != nullptr ? *slot : ignored)) return false;
      in.skip_whitespace();
      if (in.take(',')) {
        in.skip_whitespace();
        continue;
      }
      if (in.take('}')) break;
      return false;
    }
  }
  in.skip_whitespace();
  return in.at_end();
}

}  // namespace revbench::jwt

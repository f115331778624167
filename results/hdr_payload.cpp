#include "results/hdr_payload.hpp"

#include <zlib.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "results/base64.hpp"

namespace revbench::results {
namespace {

// HdrHistogram's V2 cookies, with the 0x10 its Java writer ORs in (its
// "word size" byte, which V2 readers ignore).
constexpr std::uint32_t encoding_cookie = 0x1c849303 | 0x10;
constexpr std::uint32_t compressed_cookie = 0x1c849304 | 0x10;
constexpr std::uint32_t v2_cookie_mask = 0xffffff0f;
constexpr std::size_t header_bytes = 40;
constexpr std::int32_t significant_digits = 2;
constexpr std::int64_t lowest_discernible_ns = 1;
// A counts-array index or a count per value, and a run of empty cells as its
// negated length: ZigZag LEB128, at most 9 bytes.
constexpr std::size_t longest_varint = 9;
constexpr std::size_t largest_encoding = header_bytes + load::LatencyHistogram::cell_count * longest_varint;

void put_big_endian(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

std::uint64_t big_endian_at(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value = (value << 8) | static_cast<unsigned char>(in[at + i]);
  return value;
}

// HdrHistogram's ZigZagEncoding: 7 bits a byte for 8 bytes, the ninth byte whole.
void put_zigzag(std::string& out, std::int64_t value) {
  auto bits = (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
  for (std::size_t i = 0; i < longest_varint - 1; ++i) {
    if (bits < 0x80) {
      out += static_cast<char>(bits);
      return;
    }
    out += static_cast<char>((bits & 0x7f) | 0x80);
    bits >>= 7;
  }
  out += static_cast<char>(bits);
}

std::int64_t zigzag_at(std::string_view in, std::size_t& at) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0;; ++i) {
    if (at >= in.size()) throw std::invalid_argument("HdrHistogram payload: its counts end within a number");
    const auto byte = static_cast<unsigned char>(in[at++]);
    if (i == longest_varint - 1) {
      bits |= static_cast<std::uint64_t>(byte) << 56;
      break;
    }
    bits |= static_cast<std::uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) break;
  }
  return static_cast<std::int64_t>(bits >> 1) ^ -static_cast<std::int64_t>(bits & 1);
}

std::string uncompressed_encoding(const load::LatencyHistogram& histogram) {
  std::string out;
  put_big_endian(out, encoding_cookie, 4);
  put_big_endian(out, 0, 4);  // the payload's length, set below
  put_big_endian(out, 0, 4);  // normalizing index offset: revbench never shifts
  put_big_endian(out, significant_digits, 4);
  put_big_endian(out, lowest_discernible_ns, 8);
  put_big_endian(out, load::LatencyHistogram::max_trackable_ns, 8);
  put_big_endian(out, std::bit_cast<std::uint64_t>(1.0), 8);  // integer to double ratio
  // Up to the cell of the largest value, as HdrHistogram writes them.
  const auto cells = histogram.nonzero_cells();
  std::uint32_t next = 0;
  for (const auto& [cell, count] : cells) {
    const auto empty = cell - next;
    if (empty == 1) put_zigzag(out, 0);
    else if (empty > 1) put_zigzag(out, -static_cast<std::int64_t>(empty));
    put_zigzag(out, static_cast<std::int64_t>(count));
    next = cell + 1;
  }
  const auto payload = out.size() - header_bytes;
  for (int i = 0; i < 4; ++i) out[4 + i] = static_cast<char>((payload >> (8 * (3 - i))) & 0xff);
  return out;
}

std::string inflated(std::string_view compressed) {
  std::string out(largest_encoding, '\0');
  uLongf length = out.size();
  const int status = uncompress(reinterpret_cast<Bytef*>(out.data()), &length,
                                reinterpret_cast<const Bytef*>(compressed.data()), compressed.size());
  if (status != Z_OK) throw std::invalid_argument("HdrHistogram payload: its zlib stream does not inflate (" +
                                                  std::string(zError(status)) + ")");
  out.resize(length);
  return out;
}

}  // namespace

std::string hdr_payload(const load::LatencyHistogram& histogram) {
  const auto encoding = uncompressed_encoding(histogram);
  uLongf length = compressBound(encoding.size());
  std::string compressed(length, '\0');
  if (compress2(reinterpret_cast<Bytef*>(compressed.data()), &length, reinterpret_cast<const Bytef*>(encoding.data()),
                encoding.size(), Z_DEFAULT_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib could not compress a histogram");
  compressed.resize(length);
  std::string out;
  put_big_endian(out, compressed_cookie, 4);
  put_big_endian(out, compressed.size(), 4);
  return base64_encode(out + compressed);
}

load::LatencyHistogram histogram_of_hdr_payload(std::string_view base64) {
  const auto bytes = base64_decode(base64);
  if (!bytes) throw std::invalid_argument("HdrHistogram payload: not base64");
  if (bytes->size() < 8 || (big_endian_at(*bytes, 0, 4) & v2_cookie_mask) != (compressed_cookie & v2_cookie_mask))
    throw std::invalid_argument("HdrHistogram payload: not a V2 compressed histogram (its cookie)");
  const auto compressed_length = big_endian_at(*bytes, 4, 4);
  if (compressed_length != bytes->size() - 8)
    throw std::invalid_argument("HdrHistogram payload: says " + std::to_string(compressed_length) +
                                " compressed bytes, holds " + std::to_string(bytes->size() - 8));
  const auto encoding = inflated(std::string_view(*bytes).substr(8));
  if (encoding.size() < header_bytes || (big_endian_at(encoding, 0, 4) & v2_cookie_mask) != (encoding_cookie & v2_cookie_mask))
    throw std::invalid_argument("HdrHistogram payload: not a V2 histogram inside (its cookie)");
  const auto payload_length = big_endian_at(encoding, 4, 4);
  if (payload_length != encoding.size() - header_bytes)
    throw std::invalid_argument("HdrHistogram payload: says " + std::to_string(payload_length) + " bytes of counts, holds " +
                                std::to_string(encoding.size() - header_bytes));
  if (big_endian_at(encoding, 8, 4) != 0)
    throw std::invalid_argument("HdrHistogram payload: a shifted histogram (normalizing index offset) is not read");
  const auto digits = static_cast<std::int32_t>(big_endian_at(encoding, 12, 4));
  const auto lowest = static_cast<std::int64_t>(big_endian_at(encoding, 16, 8));
  if (digits != significant_digits || lowest != lowest_discernible_ns)
    throw std::invalid_argument("HdrHistogram payload: " + std::to_string(digits) + " significant digits from " +
                                std::to_string(lowest) + ", revbench reads 2 from 1 (ns)");
  load::LatencyHistogram histogram;
  std::size_t at = header_bytes;
  std::uint64_t cell = 0;
  while (at < encoding.size()) {
    const auto value = zigzag_at(encoding, at);
    if (value < 0) {
      cell += static_cast<std::uint64_t>(-value);
      continue;
    }
    if (value > 0) {
      if (cell >= load::LatencyHistogram::cell_count)
        throw std::invalid_argument("HdrHistogram payload: counts beyond 60 s, what revbench's histogram tracks");
      histogram.add_cell(static_cast<std::uint32_t>(cell), static_cast<std::uint64_t>(value));
    }
    ++cell;
  }
  return histogram;
}

}  // namespace revbench::results

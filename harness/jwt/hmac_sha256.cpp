// The low-level SHA256_* calls are deprecated in OpenSSL 3 in favour of EVP,
// but they are the only API whose state is a plain struct that can be copied
// without an allocation; they remain in libcrypto 3 and use the same
// hardware-accelerated block function as EVP.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "harness/jwt/hmac_sha256.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cstdint>
#include <cstring>

namespace revbench::jwt {
namespace {

constexpr std::size_t block = 64;
static_assert(sizeof(SHA256_CTX) <= 112, "SHA256_CTX outgrew its slot");

SHA256_CTX& as_ctx(std::array<unsigned char, 112>& bytes) { return *reinterpret_cast<SHA256_CTX*>(bytes.data()); }
const SHA256_CTX& as_ctx(const std::array<unsigned char, 112>& bytes) {
  return *reinterpret_cast<const SHA256_CTX*>(bytes.data());
}

}  // namespace

HmacSha256::HmacSha256(std::string_view key) {
  std::array<unsigned char, block> padded{};
  if (key.size() > block) {
    SHA256(reinterpret_cast<const unsigned char*>(key.data()), key.size(), padded.data());
  } else {
    std::memcpy(padded.data(), key.data(), key.size());
  }
  std::array<unsigned char, block> pad{};
  for (std::size_t i = 0; i < block; ++i) pad[i] = padded[i] ^ 0x36;
  SHA256_Init(&as_ctx(inner_));
  SHA256_Update(&as_ctx(inner_), pad.data(), block);
  for (std::size_t i = 0; i < block; ++i) pad[i] = padded[i] ^ 0x5c;
  SHA256_Init(&as_ctx(outer_));
  SHA256_Update(&as_ctx(outer_), pad.data(), block);
  OPENSSL_cleanse(padded.data(), padded.size());
  OPENSSL_cleanse(pad.data(), pad.size());
}

HmacSha256::~HmacSha256() {
  OPENSSL_cleanse(inner_.data(), inner_.size());
  OPENSSL_cleanse(outer_.data(), outer_.size());
}

HmacSha256::Mac HmacSha256::mac(std::string_view message) const {
  SHA256_CTX ctx = as_ctx(inner_);
  Mac inner_hash{};
  SHA256_Update(&ctx, message.data(), message.size());
  SHA256_Final(inner_hash.data(), &ctx);
  ctx = as_ctx(outer_);
  Mac out{};
  SHA256_Update(&ctx, inner_hash.data(), inner_hash.size());
  // SHA256_Final wipes the block buffer, and the outer key's state is
  // replaced by the digest itself: nothing secret is left in ctx to cleanse.
  SHA256_Final(out.data(), &ctx);
  return out;
}

bool HmacSha256::matches(std::string_view message, std::string_view mac) const {
  if (mac.size() != size) return false;
  const Mac expected = this->mac(message);
  // Four 64-bit words instead of CRYPTO_memcmp's 32 bytes one at a time; the
  // empty asm keeps the compiler from turning the OR into an early exit.
  std::uint64_t difference = 0;
  for (std::size_t i = 0; i < size; i += sizeof(std::uint64_t)) {
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    std::memcpy(&a, expected.data() + i, sizeof a);
    std::memcpy(&b, mac.data() + i, sizeof b);
    difference |= a ^ b;
    __asm__("" : "+r"(difference));
  }
  return difference == 0;
}

}  // namespace revbench::jwt

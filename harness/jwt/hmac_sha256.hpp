#pragma once
// HMAC-SHA256 (RFC 2104) with the key schedule done once: the padded key's
// inner and outer SHA-256 states are kept, so a MAC costs the message's blocks
// plus two, and no allocation. HS256 verification is the one cryptographic
// step every request of every strategy pays; OpenSSL's EVP_MAC re-fetches
// the algorithm or duplicates heap contexts each call.
#include <array>
#include <cstdint>
#include <string_view>

namespace revbench::jwt {

class HmacSha256 {
 public:
  static constexpr std::size_t size = 32;
  using Mac = std::array<unsigned char, size>;

  explicit HmacSha256(std::string_view key);
  ~HmacSha256();
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;

  Mac mac(std::string_view message) const;
  // Whether `mac` is this key's MAC of `message`, in time that does not
  // depend on where a forged MAC first differs.
  bool matches(std::string_view message, std::string_view mac) const;

 private:
  // Two SHA256_CTX, kept as bytes so that OpenSSL's deprecated low-level
  // header stays in one translation unit.
  alignas(8) std::array<unsigned char, 112> inner_{};
  alignas(8) std::array<unsigned char, 112> outer_{};
};

}  // namespace revbench::jwt

#include "harness/server/password_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <stdexcept>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/random_bytes.hpp"

namespace revbench::server {
namespace {

constexpr std::string_view scheme = "pbkdf2-sha256";

std::string derive(std::string_view password, std::string_view salt, int iterations) {
  std::string out(32, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                        EVP_sha256(), static_cast<int>(out.size()), reinterpret_cast<unsigned char*>(out.data())) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return out;
}

}  // namespace

std::string hash_password(std::string_view password, int iterations) {
  if (iterations < 1) throw std::invalid_argument("password cost must be at least 1 iteration");
  const std::string salt = jwt::random_bytes(16);
  const std::string_view salt_bytes(salt);
  return std::string(scheme) + "$" + std::to_string(iterations) + "$" + jwt::base64url_encode(salt_bytes) + "$" +
         jwt::base64url_encode(derive(password, salt_bytes, iterations));
}

bool password_matches(std::string_view password, std::string_view stored) {
  // scheme $ iterations $ salt $ hash
  std::array<std::string_view, 4> parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto dollar = stored.find('$');
    if ((i < 3) == (dollar == std::string_view::npos)) return false;
    parts[i] = stored.substr(0, dollar);
    stored = dollar == std::string_view::npos ? std::string_view() : stored.substr(dollar + 1);
  }
  int iterations = 0;
  if (parts[0] != scheme ||
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations).ec != std::errc() ||
      iterations < 1 || iterations > 10'000'000)
    return false;
  const auto salt = jwt::base64url_decode(parts[2]);
  const auto expected = jwt::base64url_decode(parts[3]);
  if (!salt || !expected || expected->size() != 32) return false;
  const std::string actual = derive(password, *salt, iterations);
  return CRYPTO_memcmp(actual.data(), expected->data(), actual.size()) == 0;
}

}  // namespace revbench::server

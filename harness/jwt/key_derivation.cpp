#include "harness/jwt/key_derivation.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace revbench::jwt {

std::string derive_secret(std::string_view seed, std::string_view label) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), seed.data(), static_cast<int>(seed.size()), reinterpret_cast<const unsigned char*>(label.data()),
           label.size(), out, &length) == nullptr)
    throw std::runtime_error("HMAC-SHA256 failed");
  return std::string(reinterpret_cast<const char*>(out), length);
}

}  // namespace revbench::jwt

#include "harness/jwt/random_bytes.hpp"

#include <openssl/rand.h>

#include <stdexcept>

#include "harness/jwt/base64url.hpp"

namespace revbench::jwt {

std::string random_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1)
    throw std::runtime_error("the random generator failed (RAND_bytes)");
  return bytes;
}

std::string random_text(std::size_t count) { return base64url_encode(random_bytes(count)); }

}  // namespace revbench::jwt

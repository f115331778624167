#pragma once
// What a Key holds. Shared by key.cpp and jwk.cpp only; nothing else needs OpenSSL types.
#include <openssl/evp.h>

#include <memory>
#include <string>

#include "harness/jwt/hmac_sha256.hpp"
#include "harness/jwt/key.hpp"

namespace revbench::jwt {

struct Key::Material {
  EVP_PKEY* pkey = nullptr;  // owned; null for HMAC
  std::string secret;        // HMAC bytes; cleansed on destruction
  std::unique_ptr<const HmacSha256> hmac;  // the keyed MAC; null for asymmetric keys
  bool has_private = false;

  static std::shared_ptr<Material> asymmetric(EVP_PKEY* owned, bool has_private) {
    auto m = std::make_shared<Material>();
    m->pkey = owned;
    m->has_private = has_private;
    return m;
  }
  Material() = default;
  Material(const Material&) = delete;
  Material& operator=(const Material&) = delete;
  ~Material() {
    EVP_PKEY_free(pkey);
    if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
  }
};

}  // namespace revbench::jwt

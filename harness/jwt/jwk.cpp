#include "harness/jwt/jwk.hpp"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <stdexcept>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/key_material.hpp"

namespace revbench::jwt {
namespace {

std::string member(const boost::json::object& jwk, std::string_view name) {
  const auto* value = jwk.if_contains(name);
  if (value == nullptr || !value->is_string())
    throw std::invalid_argument("JWK: member '" + std::string(name) + "' missing or not a string");
  auto bytes = base64url_decode(value->as_string());
  if (!bytes) throw std::invalid_argument("JWK: member '" + std::string(name) + "' is not base64url");
  return *bytes;
}

std::string text(const boost::json::object& jwk, std::string_view name) {
  const auto* value = jwk.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

struct BnDeleter {
  void operator()(BIGNUM* bn) const { BN_clear_free(bn); }
};
using Bn = std::unique_ptr<BIGNUM, BnDeleter>;

Bn to_bn(const std::string& bytes) {
  return Bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                      static_cast<int>(bytes.size()), nullptr));
}

// Builds an EVP_PKEY of `type` from OpenSSL parameters pushed by `push`.
template <typename Push>
EVP_PKEY* from_params(const char* type, bool with_private, Push push) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  std::vector<Bn> keep_alive;
  push(bld, keep_alive);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* pkey = nullptr;
  if (ctx == nullptr || params == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
      EVP_PKEY_fromdata(ctx, &pkey, with_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) != 1)
    pkey = nullptr;
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  if (pkey == nullptr) throw std::invalid_argument(std::string("JWK: OpenSSL rejected the ") + type + " key");
  return pkey;
}

EVP_PKEY* rsa_key(const boost::json::object& jwk, bool with_private) {
  return from_params("RSA", with_private, [&](OSSL_PARAM_BLD* bld, std::vector<Bn>& keep) {
    auto push = [&](const char* param, std::string_view name) {
      keep.push_back(to_bn(member(jwk, name)));
      OSSL_PARAM_BLD_push_BN(bld, param, keep.back().get());
    };
    push(OSSL_PKEY_PARAM_RSA_N, "n");
    push(OSSL_PKEY_PARAM_RSA_E, "e");
    if (!with_private) return;
    push(OSSL_PKEY_PARAM_RSA_D, "d");
    if (jwk.contains("p")) {
      push(OSSL_PKEY_PARAM_RSA_FACTOR1, "p");
      push(OSSL_PKEY_PARAM_RSA_FACTOR2, "q");
      push(OSSL_PKEY_PARAM_RSA_EXPONENT1, "dp");
      push(OSSL_PKEY_PARAM_RSA_EXPONENT2, "dq");
      push(OSSL_PKEY_PARAM_RSA_COEFFICIENT1, "qi");
    }
  });
}

EVP_PKEY* ec_key(const boost::json::object& jwk, bool with_private) {
  if (text(jwk, "crv") != "P-256") throw std::invalid_argument("JWK: only EC curve P-256 is supported");
  const std::string point = std::string(1, '\x04') + member(jwk, "x") + member(jwk, "y");
  static constexpr char group[] = "prime256v1";
  return from_params("EC", with_private, [&](OSSL_PARAM_BLD* bld, std::vector<Bn>& keep) {
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
    if (with_private) {
      keep.push_back(to_bn(member(jwk, "d")));
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, keep.back().get());
    }
  });
}

EVP_PKEY* okp_key(const boost::json::object& jwk, bool with_private) {
  if (text(jwk, "crv") != "Ed25519") throw std::invalid_argument("JWK: only OKP curve Ed25519 is supported");
  const std::string bytes = member(jwk, with_private ? "d" : "x");
  const auto* raw = reinterpret_cast<const unsigned char*>(bytes.data());
  EVP_PKEY* pkey = with_private ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, raw, bytes.size())
                                : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw, bytes.size());
  if (pkey == nullptr) throw std::invalid_argument("JWK: OpenSSL rejected the Ed25519 key");
  return pkey;
}

std::string bn_param(const EVP_PKEY* pkey, const char* name, int pad = 0) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1) throw std::invalid_argument(std::string("JWK: no ") + name);
  std::string bytes(static_cast<std::size_t>(std::max(pad, BN_num_bytes(bn))), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  BN_free(bn);
  return base64url_encode(bytes);
}

}  // namespace

boost::json::object public_jwk(const Key& key) {
  const EVP_PKEY* pkey = key.material_->pkey;
  if (pkey == nullptr) throw std::invalid_argument("JWK: '" + key.kid() + "' is a shared secret, never published");
  boost::json::object jwk{{"kid", key.kid()}, {"alg", to_string(key.algorithm())}, {"use", "sig"}};
  switch (key.algorithm()) {
    case Algorithm::RS256:
      jwk["kty"] = "RSA";
      jwk["n"] = bn_param(pkey, OSSL_PKEY_PARAM_RSA_N);
      jwk["e"] = bn_param(pkey, OSSL_PKEY_PARAM_RSA_E);
      break;
    case Algorithm::ES256:
      jwk["kty"] = "EC";
      jwk["crv"] = "P-256";
      jwk["x"] = bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32);
      jwk["y"] = bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32);
      break;
    case Algorithm::EdDSA: {
      std::string raw(32, '\0');
      std::size_t len = raw.size();
      if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(raw.data()), &len) != 1)
        throw std::invalid_argument("JWK: no Ed25519 public key");
      raw.resize(len);
      jwk["kty"] = "OKP";
      jwk["crv"] = "Ed25519";
      jwk["x"] = base64url_encode(raw);
      break;
    }
    case Algorithm::HS256: break;
  }
  return jwk;
}

Key key_from_jwk(const boost::json::object& jwk, std::string default_kid) {
  const std::string kty = text(jwk, "kty");
  std::string kid = text(jwk, "kid");
  if (kid.empty()) kid = std::move(default_kid);
  const bool with_private = jwk.contains("d");

  Algorithm alg{};
  EVP_PKEY* pkey = nullptr;
  if (kty == "oct") {
    alg = Algorithm::HS256;
  } else if (kty == "RSA") {
    alg = Algorithm::RS256;
    pkey = rsa_key(jwk, with_private);
  } else if (kty == "EC") {
    alg = Algorithm::ES256;
    pkey = ec_key(jwk, with_private);
  } else if (kty == "OKP") {
    alg = Algorithm::EdDSA;
    pkey = okp_key(jwk, with_private);
  } else {
    throw std::invalid_argument("JWK: unsupported kty '" + kty + "'");
  }
  auto material = pkey ? Key::Material::asymmetric(pkey, with_private) : nullptr;
  if (const std::string named = text(jwk, "alg"); !named.empty() && parse_algorithm(named) != alg)
    throw std::invalid_argument("JWK: alg '" + named + "' does not fit kty '" + kty + "'");
  if (alg == Algorithm::HS256) return Key::hmac(std::move(kid), member(jwk, "k"));
  return Key(std::move(kid), alg, std::move(material));
}

}  // namespace revbench::jwt

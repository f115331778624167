#include "harness/jwt/key.hpp"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <stdexcept>

#include "harness/jwt/key_material.hpp"
#include "harness/jwt/random_bytes.hpp"

namespace revbench::jwt {
namespace {

constexpr std::size_t es256_half = 32;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

bool key_matches(Algorithm alg, EVP_PKEY* pkey) {
  switch (alg) {
    case Algorithm::RS256: return EVP_PKEY_is_a(pkey, "RSA") && EVP_PKEY_get_bits(pkey) >= 2048;
    case Algorithm::ES256: {
      if (!EVP_PKEY_is_a(pkey, "EC")) return false;
      std::array<char, 64> group{};
      std::size_t len = 0;
      return EVP_PKEY_get_group_name(pkey, group.data(), group.size(), &len) == 1 &&
             std::string_view(group.data(), len) == "prime256v1";
    }
    case Algorithm::EdDSA: return EVP_PKEY_is_a(pkey, "ED25519");
    case Algorithm::HS256: return false;
  }
  return false;
}

const EVP_MD* digest_for(Algorithm alg) {
  return alg == Algorithm::EdDSA ? nullptr : EVP_sha256();
}

// JWS carries ES256 signatures as R||S (RFC 7518 §3.4); OpenSSL speaks DER.
std::string der_to_raw_ecdsa(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  if (sig == nullptr) throw std::runtime_error("ES256: OpenSSL produced an unreadable signature");
  std::string raw(2 * es256_half, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), out, es256_half);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), out + es256_half, es256_half);
  ECDSA_SIG_free(sig);
  return raw;
}

std::string raw_to_der_ecdsa(std::string_view raw) {
  if (raw.size() != 2 * es256_half) return {};
  const auto* in = reinterpret_cast<const unsigned char*>(raw.data());
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(in, es256_half, nullptr);
  BIGNUM* s = BN_bin2bn(in + es256_half, es256_half, nullptr);
  if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return {};
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

std::string hmac_sha256(const HmacSha256& keyed, std::string_view input) {
  const auto mac = keyed.mac(input);
  return std::string(reinterpret_cast<const char*>(mac.data()), mac.size());
}

}  // namespace

Key::Key(std::string kid, Algorithm alg, std::shared_ptr<const Material> material)
    : kid_(std::move(kid)), alg_(alg), material_(std::move(material)) {}

Key Key::hmac(std::string kid, std::string secret) {
  if (secret.empty()) throw std::invalid_argument("HS256 key '" + kid + "': empty secret");
  auto material = std::make_shared<Material>();
  material->secret = std::move(secret);
  material->hmac = std::make_unique<HmacSha256>(material->secret);
  material->has_private = true;
  return Key(std::move(kid), Algorithm::HS256, std::move(material));
}

Key Key::generate(Algorithm alg, std::string kid) {
  if (alg == Algorithm::HS256) {
    return hmac(std::move(kid), random_bytes(32));
  }
  EVP_PKEY* pkey = nullptr;
  switch (alg) {
    case Algorithm::RS256: pkey = EVP_RSA_gen(2048); break;
    case Algorithm::ES256: pkey = EVP_EC_gen("P-256"); break;
    case Algorithm::EdDSA: pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
    case Algorithm::HS256: break;
  }
  if (pkey == nullptr) throw std::runtime_error("key generation failed for " + std::string(to_string(alg)));
  return Key(std::move(kid), alg, Material::asymmetric(pkey, true));
}

Key Key::from_pem(Algorithm alg, std::string kid, std::string_view pem) {
  if (alg == Algorithm::HS256) throw std::invalid_argument("HS256 keys are secrets, not PEM");
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  bool has_private = pkey != nullptr;
  if (pkey == nullptr) {
    (void)BIO_reset(bio);
    pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  }
  BIO_free(bio);
  if (pkey == nullptr) throw std::invalid_argument("key '" + kid + "': not a PEM key");
  auto material = Material::asymmetric(pkey, has_private);
  if (!key_matches(alg, pkey))
    throw std::invalid_argument("key '" + kid + "': not a key for " + std::string(to_string(alg)));
  return Key(std::move(kid), alg, std::move(material));
}

const std::string& Key::kid() const { return kid_; }
Algorithm Key::algorithm() const { return alg_; }
bool Key::can_sign() const { return material_->has_private; }

std::string Key::sign(std::string_view signing_input) const {
  if (!material_->has_private) throw std::logic_error("key '" + kid_ + "' can only verify");
  if (alg_ == Algorithm::HS256) return hmac_sha256(*material_->hmac, signing_input);

  MdCtx ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(signing_input.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digest_for(alg_), nullptr, material_->pkey) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, in, signing_input.size()) != 1)
    throw std::runtime_error("signing with key '" + kid_ + "' failed");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in,
                     signing_input.size()) != 1)
    throw std::runtime_error("signing with key '" + kid_ + "' failed");
  sig.resize(len);
  return alg_ == Algorithm::ES256 ? der_to_raw_ecdsa(sig) : sig;
}

bool Key::verify(std::string_view signing_input, std::string_view signature) const {
  if (alg_ == Algorithm::HS256) {
    return material_->hmac->matches(signing_input, signature);
  }
  std::string der;
  if (alg_ == Algorithm::ES256) {
    der = raw_to_der_ecdsa(signature);
    if (der.empty()) return false;
    signature = der;
  }
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, digest_for(alg_), nullptr, material_->pkey) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

std::string Key::public_pem() const {
  if (material_->pkey == nullptr) return {};
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, material_->pkey);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(len));
  BIO_free(bio);
  return pem;
}

}  // namespace revbench::jwt

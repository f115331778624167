#include "strategies/common/signing_keys.hpp"

#include <stdexcept>

#include "harness/jwt/key_derivation.hpp"

namespace revbench::strategies {

SigningKeys::SigningKeys(jwt::Algorithm alg, std::chrono::seconds overlap, std::string seed)
    : alg_(alg), overlap_(overlap), seed_(std::move(seed)) {
  if (!seed_.empty() && alg_ != jwt::Algorithm::HS256)
    throw std::invalid_argument("a shared signing seed derives HS256 keys only");
  auto first = std::make_shared<Snapshot>();
  first->ring.add(make_key("k1"));
  snapshot_.store(std::move(first));
}

jwt::Key SigningKeys::make_key(const std::string& kid) const {
  if (seed_.empty()) return jwt::Key::generate(alg_, kid);
  return jwt::Key::hmac(kid, jwt::derive_secret(seed_, "revbench signing key " + kid));
}

jwt::Key SigningKeys::current() const { return snapshot_.load()->ring.current(); }

jwt::Verified<void> SigningKeys::verify(std::string_view token, const jwt::VerifyOptions& options, double now,
                                        jwt::Claims& claims) const {
  const auto snapshot = snapshot_.load();  // keeps the key below alive
  const auto key = jwt::verify_claims(token, snapshot->ring, options, now, claims);
  if (!key) return key.error();
  for (const auto& [kid, when] : snapshot->retire_at)
    if (kid == (*key)->kid() && now >= when) return jwt::reject(jwt::Reason::unknown_kid, "key retired");
  return {};
}

std::vector<jwt::Key> SigningKeys::verifying_keys(double now) const {
  const auto snapshot = snapshot_.load();
  std::vector<jwt::Key> keys;
  for (const auto& kid : snapshot->ring.kids()) {
    bool retired = false;
    for (const auto& [name, when] : snapshot->retire_at) retired = retired || (name == kid && now >= when);
    if (!retired) keys.push_back(*snapshot->ring.find(kid));
  }
  return keys;
}

void SigningKeys::rotate(double now) {
  std::lock_guard lock(rotation_);
  const auto old = snapshot_.load();
  auto next = std::make_shared<Snapshot>();
  // Keys retired long enough ago are dropped; the rest carry over.
  for (const auto& kid : old->ring.kids()) {
    double when = now + static_cast<double>(overlap_.count());
    for (const auto& [retired, at] : old->retire_at)
      if (retired == kid) when = at;
    if (when > now) {
      next->ring.add(*old->ring.find(kid));
      next->retire_at.emplace_back(kid, when);
    }
  }
  next->ring.add(make_key("k" + std::to_string(++generation_)), true);
  snapshot_.store(std::move(next));
}

}  // namespace revbench::strategies

#include "strategies/common/signing_keys.hpp"

#include <algorithm>
#include <stdexcept>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/key_derivation.hpp"

namespace revbench::strategies {

SigningKeys::SigningKeys(jwt::Algorithm alg, std::chrono::seconds overlap, std::string seed)
    : alg_(alg),
      overlap_(overlap),
      seed_(std::move(seed)),
      ring_name_(seed_.empty() ? jwt::random_id()
                               : jwt::base64url_encode(jwt::derive_secret(seed_, "revbench key ring name").substr(0, 12))) {
  if (!seed_.empty() && alg_ != jwt::Algorithm::HS256)
    throw std::invalid_argument("a shared signing seed derives HS256 keys only");
  auto first = std::make_shared<Snapshot>();
  first->ring.add(make_key(1));
  snapshot_.store(std::move(first));
}

jwt::Key SigningKeys::make_key(std::int64_t generation) const {
  const std::string kid = "k" + std::to_string(generation);
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
  rotate_locked(snapshot_.load()->generation + 1, now);
}

void SigningKeys::rotate_to(std::int64_t generation, double at) {
  std::lock_guard lock(rotation_);
  rotate_locked(generation, at);
}

void SigningKeys::rotate_locked(std::int64_t generation, double at) {
  const auto old = snapshot_.load();
  if (generation <= old->generation) return;
  const double retire = at + static_cast<double>(overlap_.count());
  auto next = std::make_shared<Snapshot>();
  next->generation = generation;
  // Keys retired long enough ago are dropped; the rest carry over.
  for (const auto& kid : old->ring.kids()) {
    double when = retire;
    for (const auto& [retired, earlier] : old->retire_at)
      if (retired == kid) when = earlier;
    if (when > at) {
      next->ring.add(*old->ring.find(kid));
      next->retire_at.emplace_back(kid, when);
    }
  }
  // Missed generations (a rotation this process heard of late): the last few
  // only, since with any overlap they retire together and without one never verify.
  constexpr std::int64_t missed_kept = 8;
  if (retire > at)
    for (auto missed = std::max(old->generation + 1, generation - missed_kept); missed < generation; ++missed) {
      next->ring.add(make_key(missed));
      next->retire_at.emplace_back("k" + std::to_string(missed), retire);
    }
  next->ring.add(make_key(generation), true);
  snapshot_.store(std::move(next));
}

}  // namespace revbench::strategies

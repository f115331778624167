#include "strategies/common/signing_keys.hpp"

namespace revbench::strategies {

SigningKeys::SigningKeys(jwt::Algorithm alg, std::chrono::seconds overlap) : alg_(alg), overlap_(overlap) {
  auto first = std::make_shared<Snapshot>();
  first->ring.add(jwt::Key::generate(alg_, "k1"));
  snapshot_.store(std::move(first));
}

jwt::Key SigningKeys::current() const { return snapshot_.load()->ring.current(); }

jwt::Verified<jwt::VerifiedToken> SigningKeys::verify(std::string_view token, const jwt::VerifyOptions& options,
                                                      double now) const {
  const auto snapshot = snapshot_.load();
  auto verified = jwt::verify(token, snapshot->ring, options, now);
  if (!verified) return verified;
  for (const auto& [kid, when] : snapshot->retire_at)
    if (kid == verified->kid && now >= when) return jwt::Rejection{jwt::Reason::unknown_kid, "key retired"};
  return verified;
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
  next->ring.add(jwt::Key::generate(alg_, "k" + std::to_string(++generation_)), true);
  snapshot_.store(std::move(next));
}

}  // namespace revbench::strategies

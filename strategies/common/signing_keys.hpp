#pragma once
// The server's signing keys, shared by every worker thread. Readers take a
// snapshot without locking; a rotation publishes a new snapshot. A rotated-out
// key keeps verifying for `overlap` (secret-rotation: 0, so its tokens die at
// once; other strategies: the access TTL, so rotation revokes nothing).
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "harness/jwt/codec.hpp"

namespace revbench::strategies {

class SigningKeys {
 public:
  // A non-empty `seed` derives every key from it (HS256 only), so processes
  // given the same seed hold the same keys under the same kids.
  SigningKeys(jwt::Algorithm alg, std::chrono::seconds overlap, std::string seed = {});

  jwt::Key current() const;
  // Whether a key that has not retired signed the token; its claims go into `claims`.
  jwt::Verified<void> verify(std::string_view token, const jwt::VerifyOptions& options, double now,
                             jwt::Claims& claims) const;
  // Every key that still verifies (the current one and those in overlap).
  std::vector<jwt::Key> verifying_keys(double now) const;
  // A new current key; the old one verifies until now + overlap.
  void rotate(double now);
  std::chrono::seconds overlap() const { return overlap_; }

 private:
  jwt::Key make_key(const std::string& kid) const;
  struct Snapshot {
    jwt::KeyRing ring;
    std::vector<std::pair<std::string, double>> retire_at;  // kid -> when it stops verifying
  };
  jwt::Algorithm alg_;
  std::chrono::seconds overlap_;
  std::string seed_;
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
  std::mutex rotation_;  // one rotation at a time; readers never take it
  int generation_ = 1;
};

}  // namespace revbench::strategies

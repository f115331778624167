#pragma once
// The server's signing keys, shared by every worker thread. Readers take a
// snapshot without locking; a rotation publishes a new snapshot. A rotated-out
// key keeps verifying for `overlap` (secret-rotation: 0, so its tokens die at
// once; other strategies: the access TTL, so rotation revokes nothing).
//
// Key k<N> is generation N. Processes given the same seed derive the same
// key for a generation, so a fleet agrees on its keys by agreeing on the
// generation alone (KeyRingFeed shares it through Redis).
#include <atomic>
#include <chrono>
#include <cstdint>
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
  // A new current key, the next generation; the old one verifies until now + overlap.
  void rotate(double now);
  // Generation `generation` made current at `at`, when it is newer than this
  // process's: the keys it replaces verify until at + overlap. Generations
  // in between that this process never saw are added too (others signed
  // with them), retiring alike.
  void rotate_to(std::int64_t generation, double at);
  std::int64_t generation() const { return snapshot_.load()->generation; }
  std::chrono::seconds overlap() const { return overlap_; }
  // The same for every process given the same seed, unique otherwise; it
  // tells nothing of the seed. Names the fleet's shared ring in Redis.
  const std::string& ring_name() const { return ring_name_; }

 private:
  jwt::Key make_key(std::int64_t generation) const;
  void rotate_locked(std::int64_t generation, double at);
  struct Snapshot {
    jwt::KeyRing ring;
    std::vector<std::pair<std::string, double>> retire_at;  // kid -> when it stops verifying
    std::int64_t generation = 1;
  };
  jwt::Algorithm alg_;
  std::chrono::seconds overlap_;
  std::string seed_;
  std::string ring_name_;
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
  std::mutex rotation_;  // one rotation at a time; readers never take it
};

}  // namespace revbench::strategies

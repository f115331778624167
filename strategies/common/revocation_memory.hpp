#pragma once
// Revocations held in this process's memory, read on every request by every
// worker thread and written by the feed that follows the store.
//
// Two tables: denied tokens (jti -> the token's expiry, so an entry can go
// once the token is dead anyway) and per-user not-before times (user -> µs:
// tokens issued at or before it are refused). Keys are 64-bit FNV-1a digests
// of the jti or user name, not the strings: 16 bytes of payload per entry
// instead of ~60, and a collision (probability n/2^64 per check) can only
// refuse a token, never admit one.
//
// Sharded so that writers and the pruning sweep hold one small lock at a time
// while requests keep reading the other shards.
#include <array>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>

namespace revbench::strategies {

class RevocationMemory {
 public:
  void deny(std::string_view jti, std::int64_t expires_at);
  // Keeps the later time when one is already held.
  void end_sessions(std::string_view user, std::int64_t not_before_us, std::int64_t expires_at);
  bool denied(std::string_view jti) const;
  std::optional<std::int64_t> not_before_us(std::string_view user) const;
  // Forgets entries whose tokens have expired by `now` (seconds).
  void prune(std::int64_t now);
  std::size_t denied_count() const;
  std::size_t users_count() const;

 private:
  struct UserEntry {
    std::int64_t not_before_us;
    std::int64_t expires_at;
  };
  struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::uint64_t, std::int64_t> denied;  // digest(jti) -> exp
    std::unordered_map<std::uint64_t, UserEntry> users;      // digest(user) -> not-before
  };
  static constexpr std::size_t shard_count = 64;

  static std::uint64_t digest(std::string_view key);
  Shard& shard_for(std::uint64_t digest) { return shards_[digest % shard_count]; }
  const Shard& shard_for(std::uint64_t digest) const { return shards_[digest % shard_count]; }

  std::array<Shard, shard_count> shards_;
};

}  // namespace revbench::strategies

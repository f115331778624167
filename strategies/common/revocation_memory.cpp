#include "strategies/common/revocation_memory.hpp"

#include <algorithm>
#include <mutex>

namespace revbench::strategies {

std::uint64_t RevocationMemory::digest(std::string_view key) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : key) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

void RevocationMemory::deny(std::string_view jti, std::int64_t expires_at) {
  const auto key = digest(jti);
  Shard& shard = shard_for(key);
  std::unique_lock lock(shard.mutex);
  auto& held = shard.denied[key];
  held = std::max(held, expires_at);
}

void RevocationMemory::end_sessions(std::string_view user, std::int64_t not_before_us, std::int64_t expires_at) {
  const auto key = digest(user);
  Shard& shard = shard_for(key);
  std::unique_lock lock(shard.mutex);
  auto [entry, inserted] = shard.users.try_emplace(key, UserEntry{not_before_us, expires_at});
  if (!inserted) {
    entry->second.not_before_us = std::max(entry->second.not_before_us, not_before_us);
    entry->second.expires_at = std::max(entry->second.expires_at, expires_at);
  }
}

bool RevocationMemory::denied(std::string_view jti) const {
  const auto key = digest(jti);
  const Shard& shard = shard_for(key);
  std::shared_lock lock(shard.mutex);
  return shard.denied.contains(key);
}

std::optional<std::int64_t> RevocationMemory::not_before_us(std::string_view user) const {
  const auto key = digest(user);
  const Shard& shard = shard_for(key);
  std::shared_lock lock(shard.mutex);
  const auto found = shard.users.find(key);
  if (found == shard.users.end()) return std::nullopt;
  return found->second.not_before_us;
}

void RevocationMemory::prune(std::int64_t now) {
  for (Shard& shard : shards_) {
    std::unique_lock lock(shard.mutex);
    std::erase_if(shard.denied, [now](const auto& entry) { return entry.second <= now; });
    std::erase_if(shard.users, [now](const auto& entry) { return entry.second.expires_at <= now; });
  }
}

std::size_t RevocationMemory::denied_count() const {
  std::size_t n = 0;
  for (const Shard& shard : shards_) {
    std::shared_lock lock(shard.mutex);
    n += shard.denied.size();
  }
  return n;
}

std::size_t RevocationMemory::users_count() const {
  std::size_t n = 0;
  for (const Shard& shard : shards_) {
    std::shared_lock lock(shard.mutex);
    n += shard.users.size();
  }
  return n;
}

}  // namespace revbench::strategies

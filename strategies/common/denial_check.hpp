#pragma once
// The answer of a deny-list lookup made as one MGET of two keys: the token's
// (or its session's) deny key, and the user's not-before time in µs. Shared by
// the strategies that ask Redis that question.
#include <cstdint>
#include <optional>
#include <string>

#include "harness/store/redis_reply.hpp"
#include "strategies/strategy.hpp"

namespace revbench::strategies {

// A refusal when the first value is set (`what` was denied) or the token was
// issued at or before the second; nullopt when it passes. A reply that is not
// two values, or a not-before that is not a number, is refused as the store
// being unusable (503): it fails closed.
std::optional<Refusal> denial_of(const store::RedisReply& mget, std::int64_t issued_at_us, const std::string& what);

}  // namespace revbench::strategies

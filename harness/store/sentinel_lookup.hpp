#pragma once
// What the Sentinels say of the primary they monitor: asked in turn
// (SENTINEL get-master-addr-by-name), as Redis's Sentinel clients do, and
// what their +switch-master announcements mean. Blocking: for threads that
// serve no requests.
#include <chrono>
#include <optional>
#include <string_view>

#include "harness/store/redis_config.hpp"
#include "harness/store/redis_reply.hpp"

namespace revbench::store {

// The primary as the first Sentinel that answers names it; nullopt when none does.
std::optional<RedisEndpoint> primary_from_sentinels(const RedisConfig& config,
                                                    std::chrono::milliseconds timeout_each = std::chrono::milliseconds(500));

// `config` aimed at the primary now: unchanged when it names no Sentinels;
// std::runtime_error when none of them answers.
RedisConfig aimed_at_primary(RedisConfig config);

// The reply to SENTINEL get-master-addr-by-name: [ip, port], nil when the name is unknown.
std::optional<RedisEndpoint> endpoint_of(const RedisReply& reply);

// A +switch-master message, "<name> <old ip> <old port> <new ip> <new port>":
// the new primary when it is about `name`.
std::optional<RedisEndpoint> switched_primary(std::string_view payload, std::string_view name);

}  // namespace revbench::store

#pragma once
// hiredis's reply, copied into our own type.
#include "harness/store/redis_reply.hpp"

struct redisReply;

namespace revbench::store {

RedisReply copy_reply(const redisReply& reply);

}  // namespace revbench::store

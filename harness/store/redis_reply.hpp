#pragma once
// An owned copy of a Redis reply, so it outlives hiredis's buffers.
#include <cstdint>
#include <string>
#include <vector>

namespace revbench::store {

struct RedisReply {
  enum class Type { nil, integer, string, status, array };
  Type type = Type::nil;
  std::int64_t integer = 0;
  std::string str;  // bulk string or status text
  std::vector<RedisReply> elements;

  bool is_nil() const { return type == Type::nil; }
};

}  // namespace revbench::store

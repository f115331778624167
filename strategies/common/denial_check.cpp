#include "strategies/common/denial_check.hpp"

#include <charconv>

#include "strategies/common/access_tokens.hpp"

namespace revbench::strategies {

std::optional<Refusal> denial_of(const store::RedisReply& mget, std::int64_t issued_at_us, const std::string& what) {
  // Anything but the two values asked for cannot say the token is good: refused, never let through.
  const auto& values = mget.elements;
  if (mget.type != store::RedisReply::Type::array || values.size() != 2)
    return store_unavailable("the deny-list lookup answered something other than two values");
  if (!values[0].is_nil()) return revoked(what + " denied");
  if (!values[1].is_nil()) {
    std::int64_t not_before = 0;
    const auto& text = values[1].str;
    const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), not_before);
    if (problem != std::errc() || end != text.data() + text.size())
      return store_unavailable("the user's not-before time in Redis is not a number");
    if (issued_at_us <= not_before) return revoked("issued before the user's sessions ended");
  }
  return std::nullopt;
}

}  // namespace revbench::strategies

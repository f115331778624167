#include "strategies/common/denial_check.hpp"

#include <charconv>

#include "strategies/common/access_tokens.hpp"

namespace revbench::strategies {

std::optional<Refusal> denial_of(const store::RedisReply& mget, std::int64_t issued_at_us, const std::string& what) {
  const auto& values = mget.elements;
  if (!values.empty() && !values[0].is_nil()) return revoked(what + " denied");
  if (values.size() > 1 && !values[1].is_nil()) {
    std::int64_t not_before = 0;
    std::from_chars(values[1].str.data(), values[1].str.data() + values[1].str.size(), not_before);
    if (issued_at_us <= not_before) return revoked("issued before the user's sessions ended");
  }
  return std::nullopt;
}

}  // namespace revbench::strategies

#pragma once
// Which of a session's tokens a thief copies (steal) or uses (probe).
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

enum class TokenKind { access, refresh, reset, all };

// The `token` field; `all` only where the step allows it.
inline TokenKind token_field(StepFields& fields, TokenKind absent, bool all_allowed) {
  if (!fields.has("token")) return absent;
  const auto token = static_cast<TokenKind>(fields.choice("token", {"access", "refresh", "reset", "all"}));
  if (token == TokenKind::all && !all_allowed) fields.fail("token", "a probe uses one token: access, refresh or reset");
  return token;
}

}  // namespace revbench::load

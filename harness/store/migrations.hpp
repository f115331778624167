#pragma once
// Versioned schema migrations (harness/store/migrations/NNNN_name.sql),
// compiled into the binary and applied in order, each once, under an
// advisory lock so that several server instances can start together.
#include <span>
#include <string>
#include <string_view>

namespace revbench::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> migrations();

// Blocking: call at start-up, never on an io_context thread. Returns how many
// migrations were applied; throws std::runtime_error naming the failing one.
int apply_migrations(const std::string& conninfo);

}  // namespace revbench::store

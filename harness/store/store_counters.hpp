#pragma once
// What the stores themselves counted: Redis's INFO commandstats and
// PostgreSQL's pg_stat_statements. A run reads them before and after to
// check, exactly, the store ops its responses announced. Blocking: call
// them between runs, never on an io thread.
#include <optional>
#include <string>

namespace revbench::store {

// Commands Redis has executed (every command but INFO itself and a
// replica's upkeep). On a replica, `replica`: only the read-only commands,
// its clients' (the writes and PINGs it executed came from its primary).
std::optional<long long> redis_command_calls(const std::string& redis_url, bool replica = false);
// Statement executions PostgreSQL has recorded (not counting these reads),
// or nothing when pg_stat_statements is not installed.
std::optional<long long> pg_statement_calls(const std::string& pg_url);

}  // namespace revbench::store

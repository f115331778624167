#pragma once
// `revbench seed --users N`: the seeded users (harness/contract/seeded_users.hpp
// names them), so scripted clients can log in as anyone. Existing users are left alone.
#include <string>

namespace revbench::server {

// Blocking (start-up only). Returns how many users were added.
int seed_users(const std::string& pg_url, int count, int password_iterations);

}  // namespace revbench::server

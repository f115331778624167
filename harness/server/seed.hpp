#pragma once
// `revbench seed --users N`: users user-000001 ... with password "pw-<name>",
// so scripted clients can log in as anyone. Existing users are left alone.
#include <string>

namespace revbench::server {

std::string seeded_user(int index);                      // user-000042
std::string seeded_password(const std::string& user);    // pw-user-000042

// Blocking (start-up only). Returns how many users were added.
int seed_users(const std::string& pg_url, int count, int password_iterations);

}  // namespace revbench::server

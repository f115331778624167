#pragma once
// Password hashes: PBKDF2-HMAC-SHA256 (OpenSSL), stored as
// pbkdf2-sha256$<iterations>$<salt>$<hash> (base64url). The cost matters to the
// benchmark: it decides how bad a re-login storm is, so it is a setting —
// cheap for load runs, OWASP's 600,000 iterations for a realistic one.
#include <string>
#include <string_view>

namespace revbench::server {

inline constexpr int cheap_password_iterations = 1000;
inline constexpr int realistic_password_iterations = 600000;

std::string hash_password(std::string_view password, int iterations);
// Constant-time comparison; false for anything that is not a hash of ours.
bool password_matches(std::string_view password, std::string_view stored);

}  // namespace revbench::server

#pragma once
// How seeded users are named, so scripted clients can log in as anyone:
// user-000001 ... with the password "pw-<name>". `revbench seed` creates them.
#include <string>
#include <string_view>

namespace revbench::contract {

std::string seeded_user(int index);                     // user-000042
std::string seeded_password(std::string_view user);     // pw-user-000042

// A population's users (contract/population.hpp): bystander-0000042, all
// with one password, so their rows carry one hash computed once instead of a
// PBKDF2 each (a million of those take minutes on two cores).
std::string bystander(long long index);
inline constexpr std::string_view bystander_prefix = "bystander-";
inline constexpr const char* bystander_password = "pw-bystander";

}  // namespace revbench::contract

#pragma once
// How seeded users are named, so scripted clients can log in as anyone:
// user-000001 ... with the password "pw-<name>". `revbench seed` creates them.
#include <string>
#include <string_view>

namespace revbench::contract {

std::string seeded_user(int index);                     // user-000042
std::string seeded_password(std::string_view user);     // pw-user-000042

}  // namespace revbench::contract

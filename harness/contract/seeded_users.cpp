#include "harness/contract/seeded_users.hpp"

#include <cstdio>

namespace revbench::contract {

std::string seeded_user(int index) {
  char name[32];
  std::snprintf(name, sizeof name, "user-%06d", index);
  return name;
}

std::string bystander(long long index) {
  char name[32];
  std::snprintf(name, sizeof name, "%07lld", index);
  return std::string(bystander_prefix) + name;
}

std::string seeded_password(std::string_view user) { return "pw-" + std::string(user); }

}  // namespace revbench::contract

#include "harness/contract/population.hpp"

#include "harness/contract/seeded_users.hpp"

namespace revbench::contract {

std::string Population::describe() const {
  return std::to_string(users) + " users, " + std::to_string(live_sessions) + " live sessions, " +
         std::to_string(prior_revocations) + " prior revocations";
}

std::string Population::holder(long long i) const { return bystander(users > 0 ? i % users + 1 : 1); }

}  // namespace revbench::contract

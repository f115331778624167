#include "harness/contract/build_identity.hpp"

namespace revbench::contract {

std::string build_version() { return REVBENCH_VERSION; }
std::string build_commit() {
  const std::string commit = REVBENCH_GIT_COMMIT;
  return commit.empty() ? "unknown" : commit;
}
std::string build_description() { return build_version() + " (commit " + build_commit() + ")"; }

}  // namespace revbench::contract

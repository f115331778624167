#pragma once
// Which revbench made a file or serves a metric: the project's version and
// the commit it was configured from, spelled once for --version, results
// files and revbench_build_info.
#include <string>

namespace revbench::contract {

std::string build_version();  // 0.1.0
std::string build_commit();   // the short commit hash; empty outside a git checkout
// "0.1.0 (commit 1a2b3c4d5e6f)"
std::string build_description();

}  // namespace revbench::contract

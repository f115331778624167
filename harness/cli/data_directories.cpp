#include "harness/cli/data_directories.hpp"

#include <filesystem>
#include <system_error>

namespace revbench::cli {

DataDirectories data_directories() {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path binary = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path shared = binary.parent_path().parent_path() / "share" / "revbench";
    if (fs::is_directory(shared / "scenarios", error)) return {(shared / "scenarios").string(), (shared / "dashboards").string()};
  }
  return {REVBENCH_SCENARIO_DIR, REVBENCH_DASHBOARD_DIR};
}

}  // namespace revbench::cli

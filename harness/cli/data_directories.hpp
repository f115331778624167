#pragma once
// Where revbench finds what ships beside the binary: the scenario scripts and
// the scrape config --observe hands Prometheus. An installed binary (`cmake
// --install`) finds them under <prefix>/share/revbench, wherever the prefix
// was moved afterwards; a binary in the build tree, in the source tree it was
// built from.
#include <string>

namespace revbench::cli {

struct DataDirectories {
  std::string scenarios;
  std::string dashboards;
};

DataDirectories data_directories();

}  // namespace revbench::cli

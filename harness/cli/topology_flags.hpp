#pragma once
// --redis-topology, --pg-topology and --read-from, spelled once for `serve`,
// `run` and `compare`; empty strings when not given.
#include <string>

namespace CLI {
class App;
}

namespace revbench::cli {

struct TopologyFlags {
  std::string& redis;
  std::string& postgres;
  std::string& read_from;
};
void add_topology_flags(CLI::App& command, const TopologyFlags& flags);

}  // namespace revbench::cli

#pragma once
// --redis-topology, --pg-topology, --read-from and --min-replicas-to-write,
// spelled once for `serve`, `run` and `compare`; empty strings (and 0) when
// not given.
#include <string>

namespace CLI {
class App;
}

namespace revbench::cli {

struct TopologyFlags {
  std::string& redis;
  std::string& postgres;
  std::string& read_from;
  int& min_replicas_to_write;
};
void add_topology_flags(CLI::App& command, const TopologyFlags& flags);

}  // namespace revbench::cli

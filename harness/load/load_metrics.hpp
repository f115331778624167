#pragma once
// The load generator's own Prometheus metrics, served on /metrics while it
// runs so that a dashboard sees the client's view next to the server's. The
// load threads never touch them: once a second the progress sample (the
// merged per-thread windows) is added here.
#include <cstdint>
#include <memory>
#include <string>

#include "harness/load/load_runner.hpp"

namespace revbench::load {

class LoadMetrics {
 public:
  LoadMetrics();
  ~LoadMetrics();
  // Listens on 127.0.0.1:`port` (0: a free port) on a thread of its own.
  std::uint16_t serve(std::uint16_t port);
  void add(const ProgressSample& sample);
  std::string serialize() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace revbench::load

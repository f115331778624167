#pragma once
// The load generator's own Prometheus metrics, served on /metrics while it
// runs so that a dashboard sees the client's view next to the server's:
// latency, outcomes, revocation lag, thief acceptances, collateral logouts.
// The load threads never touch them: once a second the progress sample (the
// merged per-thread windows) is added here.
#include <cstdint>
#include <memory>
#include <string>

#include "harness/load/latency_histogram.hpp"

namespace revbench::load {

// One interval of what the client saw, for one strategy x scenario.
struct ClientSample {
  std::string strategy;  // label: what /healthz says the target runs
  std::string scenario;  // label: the scenario, or "load" for `revbench load`
  std::uint64_t ok = 0;
  std::uint64_t errors = 0;
  const LatencyHistogram* latency = nullptr;         // corrected, this interval
  const LatencyHistogram* revocation_lag = nullptr;  // lags measured this interval
  const LatencyHistogram* generator_lag = nullptr;   // how late its timers fired for scheduled sends, this interval
  std::uint64_t accepted_after_revoke = 0;           // this interval
  std::uint64_t collateral_logouts = 0;              // this interval
};

class LoadMetrics {
 public:
  LoadMetrics();
  ~LoadMetrics();
  // Listens on 127.0.0.1:`port` (0: a free port) on a thread of its own.
  std::uint16_t serve(std::uint16_t port);
  void add(const ClientSample& sample);
  std::string serialize() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace revbench::load

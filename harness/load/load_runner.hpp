#pragma once
// Drives one request shape at a target, open or closed loop.
//
// Open loop (wrk2's model): requests are scheduled at a constant rate; each
// connection takes the next slot, waits for its time if early, and latency is
// measured from the slot's intended time, so a stalled server shows in the
// tail instead of silently lowering the rate. Every scheduled request is
// sent, even when the run overruns. Closed loop: N virtual users, each sending
// its next request when the last one answered (plus think time).
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "harness/load/arrival_schedule.hpp"
#include "harness/load/http_connection.hpp"
#include "harness/load/load_stats.hpp"

namespace revbench::load {

// A look at the run while it goes, taken every `LoadPlan::progress_every`.
struct ProgressSample {
  double elapsed_seconds = 0;
  double total_seconds = 0;
  std::uint64_t requests = 0;  // completed in this interval
  std::uint64_t errors = 0;    // non-2xx or no response, in this interval
  double interval_seconds = 0;
  bool run_end = false;  // the rest of the run after the last whole interval, however short
  std::chrono::nanoseconds p99{0};  // corrected, this interval
  LatencyHistogram latency;         // corrected, this interval
  LatencyHistogram generator_lag;   // how late idle connections woke for their slots, this interval
};

struct LoadPlan {
  enum class Mode { open, closed };
  Mode mode = Mode::open;
  double rate = 1000;        // open loop: requests per second, all threads together (the start rate with stages)
  std::vector<RateStage> stages;  // open loop: ramps after `rate`; when set, they make the duration
  int connections = 16;      // open loop: connections; closed loop: virtual users
  int threads = 1;
  std::chrono::milliseconds duration{10000};  // including the warm-up
  std::uint64_t max_requests = 0;             // not 0: stop after sending this many, warm-up included
  std::chrono::milliseconds warmup{0};        // sent, not recorded
  std::chrono::milliseconds think_time{0};    // closed loop
  std::chrono::milliseconds progress_every{1000};
  std::function<void(const ProgressSample&)> on_progress;  // called on the caller's thread
};

struct LoadReport {
  LoadStats stats;
  double measured_seconds = 0;  // from the end of the warm-up to the last completion
  double achieved_rate = 0;
  std::string warning;          // not empty when the generator could not keep the schedule
};

// Every connection sends `request` (one request shape, as wrk does); it must
// outlive the call. Setting `*stop` ends the run early: no new request is sent, the report
// holds what completed.
LoadReport run_load(const HttpTarget& target, const LoadPlan& plan, const LoadRequest& request,
                    const std::atomic<bool>* stop = nullptr);

}  // namespace revbench::load

#include "harness/load/load_runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <cmath>
#include <future>
#include <memory>
#include <thread>
#include <vector>

namespace revbench::load {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

// A generator that wakes this late for 1% of its slots while connections are
// idle is itself a bottleneck. Timer wake-ups of a few milliseconds are common
// on a small shared machine, and the corrected latencies already include them.
constexpr auto lag_warning = std::chrono::milliseconds(5);

struct ThreadState {
  asio::io_context io{1};
  LoadStats stats;
  std::uint64_t next_slot = 0;
  // Since the last progress sample; read and reset on this thread only.
  LatencyHistogram window;
  std::uint64_t window_errors = 0;
  LatencyHistogram lag_window;
};

struct Schedule {
  const std::atomic<bool>* stop;
  bool stopped() const { return stop != nullptr && stop->load(std::memory_order_relaxed); }
  Clock::time_point start;
  Clock::time_point measure_from;
  Clock::time_point end;
  ArrivalSchedule arrivals;
  int threads;
  std::uint64_t max_requests;             // 0: no limit but the duration
  std::atomic<std::uint64_t>* sent;       // closed loop: requests sent so far, every thread

  bool over_budget(std::uint64_t request) const { return max_requests != 0 && request >= max_requests; }

  // Slot i of thread k: the threads' slots interleave evenly.
  Clock::time_point intended(std::uint64_t slot, int thread) const {
    const double seconds = arrivals.seconds_of(slot * static_cast<std::uint64_t>(threads) + static_cast<std::uint64_t>(thread));
    if (!std::isfinite(seconds) || seconds > 1e6) return Clock::time_point::max();
    return start + std::chrono::nanoseconds(static_cast<std::int64_t>(seconds * 1e9));
  }
};

void record(ThreadState& state, const LoadResponse& response, Clock::time_point intended, Clock::time_point sent,
            Clock::time_point done) {
  auto& stats = state.stats;
  state.window.record(done - intended);
  if (response.status < 200 || response.status >= 300) ++state.window_errors;
  stats.corrected.record(done - intended);
  stats.uncorrected.record(done - sent);
  ++stats.statuses[response.status];
  stats.redis_ops += response.redis_ops;
  stats.pg_ops += response.pg_ops;
  stats.last_completion = std::max(stats.last_completion, done);
}

asio::awaitable<void> open_loop_connection(ThreadState& state, int thread, const Schedule& schedule,
                                           HttpTarget target, const LoadRequest& request) {
  HttpConnection connection(state.io.get_executor(), std::move(target));
  asio::steady_timer timer(state.io);
  for (;;) {
    const auto slot = state.next_slot++;
    const auto intended = schedule.intended(slot, thread);
    if (intended >= schedule.end || schedule.stopped()) co_return;
    if (schedule.over_budget(slot * static_cast<std::uint64_t>(schedule.threads) + static_cast<std::uint64_t>(thread))) co_return;
    if (intended > Clock::now()) {
      timer.expires_at(intended);
      co_await timer.async_wait(asio::use_awaitable);
      state.stats.generator_lag.record(Clock::now() - intended);
      state.lag_window.record(Clock::now() - intended);
      if (schedule.stopped()) co_return;
    }
    const auto sent = Clock::now();
    const LoadResponse response = co_await connection.send(request);
    const auto done = Clock::now();
    if (intended >= schedule.measure_from) record(state, response, intended, sent, done);
  }
}

asio::awaitable<void> closed_loop_user(ThreadState& state, const Schedule& schedule, HttpTarget target,
                                       std::chrono::milliseconds think, const LoadRequest& request) {
  HttpConnection connection(state.io.get_executor(), std::move(target));
  asio::steady_timer timer(state.io);
  timer.expires_at(schedule.start);  // every user starts with the clock, as open-loop slots do
  co_await timer.async_wait(asio::use_awaitable);
  while (Clock::now() < schedule.end && !schedule.stopped()) {
    if (schedule.over_budget(schedule.sent->fetch_add(1))) co_return;
    const auto sent = Clock::now();
    const LoadResponse response = co_await connection.send(request);
    const auto done = Clock::now();
    if (sent >= schedule.measure_from) record(state, response, sent, sent, done);
    if (think.count() > 0) {
      timer.expires_after(think);
      co_await timer.async_wait(asio::use_awaitable);
    }
  }
}

// Every `progress_every`, each worker hands over (on its own thread) what it
// saw since the last look; the caller gets the merged interval.
ProgressSample sample_of(const LatencyHistogram& merged, const LatencyHistogram& generator_lag, std::uint64_t errors,
                         const Schedule& schedule, Clock::time_point last, Clock::time_point now) {
  ProgressSample sample;
  sample.generator_lag = generator_lag;
  sample.errors = errors;
  sample.interval_seconds = std::chrono::duration<double>(now - last).count();
  sample.elapsed_seconds = std::chrono::duration<double>(now - schedule.start).count();
  sample.total_seconds = std::chrono::duration<double>(schedule.end - schedule.start).count();
  sample.requests = merged.count();
  sample.p99 = merged.percentile(99);
  sample.latency = merged;
  return sample;
}

// Returns when the last interval it reported ended.
Clock::time_point report_progress(std::vector<std::unique_ptr<ThreadState>>& states, const LoadPlan& plan,
                                  const Schedule& schedule, const std::atomic<int>& running) {
  auto last = Clock::now();
  while (running.load() > 0) {
    const auto wake = std::min(last + plan.progress_every, Clock::now() + std::chrono::milliseconds(50));
    std::this_thread::sleep_until(wake);
    if (Clock::now() < last + plan.progress_every && running.load() > 0) continue;
    LatencyHistogram merged, generator_lag;
    std::uint64_t errors = 0;
    int answered = 0;
    for (auto& state : states) {
      auto* s = state.get();
      auto taken = asio::post(s->io, asio::use_future([s] {
                                auto window = std::make_tuple(s->window, s->window_errors, s->lag_window);
                                s->window.reset();
                                s->window_errors = 0;
                                s->lag_window.reset();
                                return window;
                              }));
      if (taken.wait_for(std::chrono::milliseconds(500)) != std::future_status::ready) continue;  // that thread has finished
      const auto [window, window_errors, lag_window] = taken.get();
      ++answered;
      merged.merge(window);
      errors += window_errors;
      generator_lag.merge(lag_window);
    }
    const auto now = Clock::now();
    if (answered > 0) plan.on_progress(sample_of(merged, generator_lag, errors, schedule, last, now));
    last = now;
  }
  return last;
}

// After the workers stopped: what they saw since the last interval, so that
// the intervals add up to the run.
void report_run_end(const std::vector<std::unique_ptr<ThreadState>>& states, const LoadPlan& plan,
                    const Schedule& schedule, Clock::time_point last) {
  LatencyHistogram merged, generator_lag;
  std::uint64_t errors = 0;
  for (const auto& state : states) {
    merged.merge(state->window);
    errors += state->window_errors;
    generator_lag.merge(state->lag_window);
  }
  auto sample = sample_of(merged, generator_lag, errors, schedule, last, Clock::now());
  sample.run_end = true;
  plan.on_progress(sample);
}

// The mean rate the schedule asks for after the warm-up.
double scheduled_rate(const Schedule& schedule, std::chrono::milliseconds warmup) {
  const double end = std::chrono::duration<double>(schedule.end - schedule.start).count();
  const double from = std::chrono::duration<double>(warmup).count();
  return end > from ? (schedule.arrivals.requests_by(end) - schedule.arrivals.requests_by(from)) / (end - from) : 0;
}

}  // namespace

LoadReport run_load(const HttpTarget& target, const LoadPlan& plan, const LoadRequest& request,
                    const std::atomic<bool>* stop) {
  const int threads = std::max(1, plan.threads);
  const int connections = std::max(threads, plan.connections);
  std::vector<std::unique_ptr<ThreadState>> states;
  for (int t = 0; t < threads; ++t) states.push_back(std::make_unique<ThreadState>());

  // A short lead so that every thread is running before the first slot.
  const auto start = Clock::now() + std::chrono::milliseconds(20);
  const auto duration = plan.stages.empty() ? plan.duration : ArrivalSchedule(plan.rate, plan.stages).duration();
  std::atomic<std::uint64_t> sent{0};
  const Schedule schedule{stop,
                          start,
                          start + plan.warmup,
                          start + duration,
                          plan.mode == LoadPlan::Mode::open ? ArrivalSchedule(plan.rate, plan.stages) : ArrivalSchedule(1, {}),
                          threads,
                          plan.max_requests,
                          &sent};
  for (int c = 0; c < connections; ++c) {
    const int t = c % threads;
    auto& state = *states[static_cast<std::size_t>(t)];
    if (plan.mode == LoadPlan::Mode::open)
      asio::co_spawn(state.io, open_loop_connection(state, t, schedule, target, request), asio::detached);
    else
      asio::co_spawn(state.io, closed_loop_user(state, schedule, target, plan.think_time, request), asio::detached);
  }
  std::vector<std::thread> workers;
  std::atomic<int> running{static_cast<int>(states.size())};
  for (auto& state : states)
    workers.emplace_back([s = state.get(), &running] {
      s->io.run();
      --running;
    });
  const auto last_interval_end = plan.on_progress ? report_progress(states, plan, schedule, running) : Clock::now();
  for (auto& worker : workers) worker.join();
  if (plan.on_progress) report_run_end(states, plan, schedule, last_interval_end);

  LoadReport report;
  for (const auto& state : states) report.stats.merge(state->stats);
  const bool ended_early = schedule.stopped() || plan.max_requests != 0;
  const auto last = ended_early ? std::max(report.stats.last_completion, schedule.measure_from)
                                       : std::max(report.stats.last_completion, schedule.end);
  report.measured_seconds = std::chrono::duration<double>(last - schedule.measure_from).count();
  report.achieved_rate = report.measured_seconds > 0 ? static_cast<double>(report.stats.requests()) / report.measured_seconds : 0;
  if (plan.mode == LoadPlan::Mode::open && !schedule.stopped()) {
    if (const auto lag = report.stats.generator_lag.percentile(99); lag > lag_warning)
      report.warning = "the load generator itself was late: 1% of its sends left more than " +
                       std::to_string(lag.count() / 1000) +
                       " us after their time: add threads or lower the rate; latencies include its own delay";
    else if (report.achieved_rate < 0.99 * scheduled_rate(schedule, plan.warmup))
      report.warning = "achieved " + std::to_string(static_cast<long>(report.achieved_rate)) + " req/s of " +
                       std::to_string(static_cast<long>(scheduled_rate(schedule, plan.warmup))) +
                       " scheduled: the target cannot keep up (latencies show the queueing)";
  }
  return report;
}

}  // namespace revbench::load

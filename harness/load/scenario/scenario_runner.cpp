#include "harness/load/scenario/scenario_runner.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <stdexcept>

#include "harness/load/scenario/cast.hpp"
#include "harness/load/scenario/recorder.hpp"
#include "harness/load/scenario/scenario_clock.hpp"
#include "harness/load/scenario/session_ledger.hpp"
#include "harness/load/scenario/stage.hpp"
#include "harness/load/scenario/step_action.hpp"

namespace revbench::load {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

Duration longest_give_up(const Scenario& scenario) {
  Duration longest{0};
  for (const auto& group : scenario.actors)
    for (const auto& step : group.steps) longest = std::max(longest, step.action->give_up());
  return longest;
}

class Runner {
 public:
  Runner(const Scenario& scenario, const ScenarioRunOptions& options, asio::io_context& io)
      : scenario_(scenario),
        options_(options),
        io_(io),
        cast_(scenario, options, io.get_executor()),
        // Every actor is spawned before the clock starts.
        clock_(scenario, Clock::now() + std::chrono::milliseconds(20), longest_give_up(scenario)),
        recorder_(scenario, clock_, options.interval_histograms),
        stage_(options, io, clock_, cast_, ledger_, recorder_) {}

  ScenarioStats play() {
    int running = 0;
    for (auto& members : cast_.groups())
      for (auto& actor : members) {
        ++running;
        asio::co_spawn(io_, act(actor), [this, &running](std::exception_ptr error) {
          if (error) {
            try {
              std::rethrow_exception(error);
            } catch (const std::exception& e) {
              recorder_.note(std::string("actor failed: ") + e.what());
            }
          }
          if (--running == 0) done_ = true;
        });
      }
    asio::co_spawn(io_, watch(), asio::detached);
    if (options_.on_phase) asio::co_spawn(io_, announce_phases(), asio::detached);
    io_.run();
    return recorder_.finish();
  }

 private:
  asio::awaitable<void> act(Actor& actor) {
    co_await stage_.sleep_until(clock_.start() + actor.group->ramp_up * actor.index / actor.group->count);
    for (const auto& step : actor.group->steps) {
      if (stage_.finished()) break;
      if (!step.mark.empty()) cast_.record_mark_start(actor, step.mark, Clock::now());
      const bool carry_on = co_await step.action->perform(stage_, actor, step);
      if (!carry_on) break;
      if (!step.mark.empty()) cast_.record_mark(actor, step.mark, Clock::now());
    }
    actor.ended = true;
  }

  // Ends the run when every actor is done, when stopped, or at the hard end;
  // reports progress on the way.
  asio::awaitable<void> watch() {
    asio::steady_timer timer(io_);
    auto last = Clock::now();
    auto next_progress = clock_.start() + options_.progress_every;
    bool stopping = false;
    while (!done_) {
      timer.expires_after(std::chrono::milliseconds(5));
      co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      const auto now = Clock::now();
      if (options_.stop != nullptr && options_.stop->load()) {
        recorder_.incomplete();
        stopping = true;
      }
      if (now >= clock_.hard_end()) stopping = true;
      if (stopping) stage_.stop_now();
      if (options_.on_progress && now >= next_progress) {
        next_progress += options_.progress_every;
        report_progress(now, last, false);
        last = now;
      }
    }
    // What came after the last interval, so that the intervals add up to the run.
    if (options_.on_progress) report_progress(Clock::now(), last, true);
    if (stopping) io_.stop();  // abandon requests still in flight: the run is over
  }

  void report_progress(Clock::time_point now, Clock::time_point last, bool run_end) {
    ScenarioProgress p;
    p.elapsed_seconds = std::chrono::duration<double>(now - clock_.start()).count();
    p.total_seconds = std::chrono::duration<double>(scenario_.total_duration()).count();
    p.phase = scenario_.phases.empty() ? std::string() : scenario_.phases[clock_.phase_at(now)].name;
    p.interval_seconds = std::chrono::duration<double>(now - last).count();
    p.run_end = run_end;
    recorder_.fill_progress(p);
    options_.on_progress(p);
  }

  asio::awaitable<void> announce_phases() {
    for (std::size_t i = 0; i < scenario_.phases.size() && !stage_.finished(); ++i) {
      co_await stage_.sleep_until(clock_.phase_start(i));
      if (stage_.finished()) break;
      options_.on_phase(scenario_.phases[i].name, clock_.phase_end(i));
    }
  }

  const Scenario& scenario_;
  const ScenarioRunOptions& options_;
  asio::io_context& io_;
  Cast cast_;
  ScenarioClock clock_;
  SessionLedger ledger_;
  Recorder recorder_;
  Stage stage_;
  bool done_ = false;
};

}  // namespace

ScenarioStats run_scenario(const Scenario& scenario, const ScenarioRunOptions& options) {
  if (options.instances.empty()) throw std::invalid_argument("scenario run: no server instance to target");
  asio::io_context io(1);
  Runner runner(scenario, options, io);
  return runner.play();
}

}  // namespace revbench::load

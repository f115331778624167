#pragma once
// What a step performs against: the run's clock, its actors, its book of
// sessions, its recorder and the servers. Every request a step sends goes
// through `send`, which times and records it and keeps the thief's count.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "harness/load/scenario/cast.hpp"
#include "harness/load/scenario/recorder.hpp"
#include "harness/load/scenario/scenario_clock.hpp"
#include "harness/load/scenario/session_ledger.hpp"

namespace revbench::load {

struct ScenarioRunOptions;

class Stage {
 public:
  using TimePoint = ScenarioClock::TimePoint;
  Stage(const ScenarioRunOptions& run_options, boost::asio::io_context& io_context, const ScenarioClock& run_clock,
        Cast& actors, SessionLedger& sessions, Recorder& statistics)
      : options(run_options), io(io_context), clock(run_clock), cast(actors), ledger(sessions), recorder(statistics) {}

  const ScenarioRunOptions& options;
  boost::asio::io_context& io;
  const ScenarioClock& clock;
  Cast& cast;
  SessionLedger& ledger;
  Recorder& recorder;

  // Stopped (a signal, or past the hard end): steps give up at their next turn.
  bool finished() const;
  void stop_now() { stopping_ = true; }
  boost::asio::awaitable<void> sleep_until(TimePoint when);

  boost::asio::awaitable<LoadResponse> send(Actor& actor, std::size_t instance, const LoadRequest& request,
                                            std::string_view endpoint, TimePoint intended);
  // On a connection of the step's own (a step that keeps several requests in flight).
  boost::asio::awaitable<LoadResponse> send(Actor& actor, HttpConnection& connection, const LoadRequest& request,
                                            std::string_view endpoint, TimePoint intended);
  // To the actor's home instance, due now.
  boost::asio::awaitable<LoadResponse> send(Actor& actor, const LoadRequest& request, std::string_view endpoint);

  // A step that could not do its job, or that the strategy makes meaningless:
  // counted, noted, and false (the actor stops there).
  bool fail(const Actor& actor, const Step& step, const std::string& why);
  bool skip(const Actor& actor, const Step& step, const std::string& why);

 private:
  std::optional<std::size_t> instance_of(const Actor& actor, const HttpConnection& connection, const LoadResponse& response) const;
  // A thief's answer to a request sent after its token's revocation: lag,
  // the revocation holding, or the revocation lost (refused, then accepted again).
  void after_revoke(Actor& actor, std::optional<std::size_t> instance, const LoadResponse& response);

  bool stopping_ = false;
};

}  // namespace revbench::load

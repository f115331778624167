#pragma once
// The progress line on stderr: one kept up to date on a terminal, one line
// per interval otherwise (logs, CI).
#include "harness/session/run_observer.hpp"

namespace revbench::session {

class TerminalProgress final : public RunObserver {
 public:
  TerminalProgress();
  void progress(const RunLabel& run, const load::ScenarioProgress& progress) override;
  void run_finished(const RunLabel& run) override;

 private:
  bool terminal_;
};

}  // namespace revbench::session

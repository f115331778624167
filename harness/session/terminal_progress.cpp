#include "harness/session/terminal_progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace revbench::session {

TerminalProgress::TerminalProgress() : terminal_(isatty(STDERR_FILENO) != 0) {}

void TerminalProgress::progress(const RunLabel& run, const load::ScenarioProgress& p) {
  const std::string label = run.scenario + " x " + run.strategy;
  char line[200];
  std::snprintf(line, sizeof line,
                "[%5.1f/%.1f s] %-40s %-8s %7.0f req/s  p99 %8.3f ms  errors %llu  revocations %llu  thief after revoke %llu",
                p.elapsed_seconds, p.total_seconds, label.c_str(), p.phase.c_str(),
                p.interval_seconds > 0 ? static_cast<double>(p.requests) / p.interval_seconds : 0.0,
                static_cast<double>(p.p99.count()) / 1e6, static_cast<unsigned long long>(p.errors),
                static_cast<unsigned long long>(p.revocations_probed),
                static_cast<unsigned long long>(p.accepted_after_revoke));
  if (terminal_)
    std::cerr << "\r" << line << std::flush;
  else
    std::cerr << line << "\n";
}

void TerminalProgress::run_finished(const RunLabel&) {
  if (terminal_) std::cerr << "\n";
}

}  // namespace revbench::session

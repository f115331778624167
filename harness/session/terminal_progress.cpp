#include "harness/session/terminal_progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

namespace revbench::session {

TerminalProgress::TerminalProgress() : terminal_(isatty(STDERR_FILENO) != 0) {}

namespace {

// "run 37/156, ~12 min left " inside a session, else nothing.
std::string place_text(const RunPlace& place, double left_in_run) {
  if (place.count == 0) return {};
  const double left = left_in_run + place.seconds_after;
  char text[64];
  if (left < 120)
    std::snprintf(text, sizeof text, "run %d/%d, ~%.0f s left ", place.number, place.count, left);
  else
    std::snprintf(text, sizeof text, "run %d/%d, ~%.0f min left ", place.number, place.count, left / 60);
  return text;
}

}  // namespace

void TerminalProgress::progress(const RunLabel& run, const load::ScenarioProgress& p) {
  if (p.run_end) return;  // a rate over a few milliseconds says nothing
  const std::string label = run.scenario + " x " + run.strategy;
  // Past the last phase the actors finish what they started (a probe giving
  // up, a login in flight): the clock stops at the phases' total, and what
  // follows is counted apart.
  const double shown = std::min(p.elapsed_seconds, p.total_seconds);
  char finishing[32] = "";
  if (p.elapsed_seconds > p.total_seconds + 0.05)
    std::snprintf(finishing, sizeof finishing, " +%.1f s", p.elapsed_seconds - p.total_seconds);
  char line[260];
  std::snprintf(line, sizeof line,
                "[%s%5.1f/%.1f s%s] %-40s %-8s %7.0f req/s  p99 %8.3f ms  errors %llu  revocations %llu  thief after revoke %llu",
                place_text(run.place, p.total_seconds - shown).c_str(), shown, p.total_seconds, finishing, label.c_str(),
                p.elapsed_seconds > p.total_seconds ? "finishing" : p.phase.c_str(),
                p.interval_seconds > 0 ? static_cast<double>(p.requests) / p.interval_seconds : 0.0,
                static_cast<double>(p.p99.count()) / 1e6, static_cast<unsigned long long>(p.errors),
                static_cast<unsigned long long>(p.revocations_probed),
                static_cast<unsigned long long>(p.accepted_after_revoke));
  if (terminal_)
    std::cerr << "\r" << line << "\x1b[K" << std::flush;  // the line may be shorter than the last one
  else
    std::cerr << line << "\n";
}

void TerminalProgress::run_finished(const RunLabel&) {
  if (terminal_) std::cerr << "\n";
}

}  // namespace revbench::session

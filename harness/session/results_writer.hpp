#pragma once
// The results file's envelope, in one place for `load`, `lag`, `run` and
// `compare`: schema version, kind, whether the run completed, the command,
// the machine, when it started and ended, then the command's own config and
// body. Each write replaces the file atomically, so a run rewritten after
// every scenario, or killed, always leaves a valid file marked for what it is.
#include <boost/json/object.hpp>

#include <string>

namespace revbench::session {

class ResultsWriter {
 public:
  // Nothing is written when `path` is empty. The start time is now.
  ResultsWriter(std::string path, std::string kind, std::string command);

  bool enabled() const { return !path_.empty(); }
  const std::string& path() const { return path_; }
  // `body` holds the kind's own members: `result`, or `runs`; and `thresholds`.
  void write(bool complete, boost::json::object config, boost::json::object body) const;

 private:
  std::string path_;
  std::string kind_;
  std::string command_;
  std::string started_at_;
};

}  // namespace revbench::session

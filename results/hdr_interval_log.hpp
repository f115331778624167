#pragma once
// HdrHistogram's interval log (.hlog, log format 1.3): one line a histogram
// of an interval, tagged, the histogram as a V2 compressed payload. What
// HistogramLogProcessor, HistogramLogAnalyzer and the other HdrHistogram
// ports read, one tag at a time (`-tag`). Lines are written whole and
// flushed, so a killed run leaves a log that reads to its last interval.
#include <memory>
#include <chrono>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/load/latency_histogram.hpp"

namespace revbench::results {

// A line's tag: `key=value;key=value`. The log splits fields on commas and
// white space, so those become '_' in a value.
std::string hdr_tag(const std::vector<std::pair<std::string, std::string>>& fields);

class HdrIntervalLog {
 public:
  using Time = std::chrono::system_clock::time_point;
  // Creates `path` and writes the header: `start` is both its StartTime and
  // the base its intervals' timestamps count from. Throws
  // std::runtime_error naming the file when it cannot be written.
  HdrIntervalLog(const std::string& path, Time start, std::string_view comment);

  // The interval of one tag that lasted `length` up to `end`; nothing for an empty histogram.
  void interval(const std::string& tag, Time end, std::chrono::duration<double> length,
                const load::LatencyHistogram& histogram);

 private:
  void write(const std::string& text);
  std::string path_;
  std::ofstream out_;
  Time start_;
};

// The log `--hlog-out PATH` names (run, compare, load, lag): a file it
// cannot write is bad input, std::invalid_argument "--hlog-out: ...".
std::unique_ptr<HdrIntervalLog> open_hlog_out(const std::string& path, HdrIntervalLog::Time start,
                                              std::string_view comment);

}  // namespace revbench::results

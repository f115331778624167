#pragma once
// Results files: JSON that describes itself (google/benchmark's reporter
// model): what ran, where, with which build, and every histogram and counter
// of the run. Written atomically, so a reader never sees half a file, and
// marked `"complete": false` when the run was interrupted.
#include <boost/json/object.hpp>

#include <map>
#include <string>
#include <vector>

#include "harness/load/load_runner.hpp"
#include "results/threshold.hpp"

namespace revbench::results {

inline constexpr int schema_version = 1;
// The `$schema` every results file names: results.schema.json's `$id`, so an
// editor or a validator finds what the file should hold.
inline constexpr const char* schema_id = "https://revbench.dev/schemas/results-1.json";

// Host, cores, kernel, compiler, library versions, git commit of the build.
boost::json::object machine_context();
// Now, as 2026-11-23T12:58:18Z.
std::string utc_now();
// The command line, shell-quoted, with the values of credential options
// (--admin-token, --token, in both `--opt value` and `--opt=value` forms)
// replaced by <redacted>: results files are shared, credentials are not.
std::string command_line(int argc, char** argv);
// The argument as a shell reads it back: as it is when plain, else single-quoted.
std::string shell_word(const std::string& arg);

boost::json::object histogram_to_json(const load::LatencyHistogram& histogram);
load::LatencyHistogram histogram_from_json(const boost::json::object& json);

// Count, min, mean, p50 ... p99.99, max in seconds, and the histogram itself.
boost::json::object latency_summary(const load::LatencyHistogram& histogram);

// Everything one load run measured.
boost::json::object load_report_to_json(const load::LoadReport& report);

// [{"threshold": "p99<5ms", "passed": true}, ...] for the results file.
boost::json::array threshold_verdicts(const std::vector<Threshold>& thresholds,
                                      const std::map<std::string, double>& metrics);

// Writes `document` to `path` via a temporary file and rename(2).
void write_atomically(const std::string& path, const boost::json::object& document);

}  // namespace revbench::results

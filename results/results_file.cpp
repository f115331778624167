#include "results/results_file.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <boost/version.hpp>
#include <openssl/opensslv.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "harness/contract/build_identity.hpp"
#include "results/hdr_payload.hpp"


namespace revbench::results {
namespace {

double seconds(std::chrono::nanoseconds ns) { return static_cast<double>(ns.count()) / 1e9; }

}  // namespace

boost::json::object latency_summary(const load::LatencyHistogram& h) {
  return {{"count", h.count()},
          {"min_seconds", seconds(h.min())},
          {"mean_seconds", h.mean_ns() / 1e9},
          {"p50_seconds", seconds(h.percentile(50))},
          {"p90_seconds", seconds(h.percentile(90))},
          {"p99_seconds", seconds(h.percentile(99))},
          {"p99_9_seconds", seconds(h.percentile(99.9))},
          {"p99_99_seconds", seconds(h.percentile(99.99))},
          {"max_seconds", seconds(h.max())},
          {"histogram", histogram_to_json(h)}};
}

boost::json::object machine_context() {
  utsname uts{};
  uname(&uts);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return {{"host", host},
          {"cores", std::thread::hardware_concurrency()},
          {"kernel", std::string(uts.sysname) + " " + uts.release},
          {"arch", uts.machine},
          {"compiler", "g++ " __VERSION__},
          {"boost", BOOST_LIB_VERSION},
          {"openssl", OPENSSL_VERSION_TEXT},
          {"git_commit", contract::build_commit()}};
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

std::string command_line(int argc, char** argv) {
  static constexpr std::string_view credentials[] = {"--admin-token", "--token"};
  const auto is_credential = [](std::string_view option) {
    return std::find(std::begin(credentials), std::end(credentials), option) != std::end(credentials);
  };
  std::string out;
  bool redact_next = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (redact_next) {
      arg = "<redacted>";
    } else if (const auto equals = arg.find('='); equals != std::string::npos && is_credential(arg.substr(0, equals))) {
      arg = arg.substr(0, equals) + "=<redacted>";
    }
    redact_next = is_credential(argv[i]);
    out += (i == 0 ? "" : " ") + shell_word(arg);
  }
  return out;
}

std::string shell_word(const std::string& arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,") == std::string::npos;
  if (plain) return arg;
  std::string quoted = "'";
  for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

boost::json::object histogram_to_json(const load::LatencyHistogram& histogram) {
  return {{"layout", "hdrhistogram-v2"},
          {"unit", "nanoseconds"},
          {"min_ns", histogram.min().count()},
          {"max_ns", histogram.max().count()},
          {"payload", hdr_payload(histogram)}};
}

load::LatencyHistogram histogram_from_json(const boost::json::object& json) {
  const auto& layout = json.at("layout").as_string();
  load::LatencyHistogram histogram;
  if (layout == "hdrhistogram-v2") {
    histogram = histogram_of_hdr_payload(json.at("payload").as_string());
  } else if (layout == "revbench-log-linear-v1") {  // older files: [cell, count] pairs of the same cells
    for (const auto& cell : json.at("cells").as_array()) {
      const auto& pair = cell.as_array();
      histogram.add_cell(static_cast<std::uint32_t>(pair.at(0).to_number<std::uint64_t>()),
                         pair.at(1).to_number<std::uint64_t>());
    }
  } else {
    throw std::invalid_argument("histogram layout " + std::string(layout) + " is not known");
  }
  histogram.restore_exact_bounds(json.at("min_ns").to_number<std::int64_t>(), json.at("max_ns").to_number<std::int64_t>());
  return histogram;
}

boost::json::object load_report_to_json(const load::LoadReport& report) {
  const auto& s = report.stats;
  boost::json::object statuses;
  for (const auto& [status, count] : s.statuses) statuses[std::to_string(status)] = count;
  const double requests = static_cast<double>(s.requests());
  return {{"requests", s.requests()},
          {"measured_seconds", report.measured_seconds},
          {"throughput_per_second", report.achieved_rate},
          {"latency_corrected", latency_summary(s.corrected)},
          {"latency_uncorrected", latency_summary(s.uncorrected)},
          {"generator_lag", latency_summary(s.generator_lag)},
          {"statuses", std::move(statuses)},
          {"redis_ops_total", s.redis_ops},
          {"pg_ops_total", s.pg_ops},
          {"redis_ops_per_request", requests > 0 ? static_cast<double>(s.redis_ops) / requests : 0.0},
          {"pg_ops_per_request", requests > 0 ? static_cast<double>(s.pg_ops) / requests : 0.0},
          {"warning", report.warning}};
}

boost::json::array threshold_verdicts(const std::vector<Threshold>& thresholds,
                                      const std::map<std::string, double>& metrics) {
  boost::json::array verdicts;
  for (const auto& t : thresholds) verdicts.push_back({{"threshold", t.text}, {"passed", violations({t}, metrics).empty()}});
  return verdicts;
}

void write_atomically(const std::string& path, const boost::json::object& document) {
  const std::string temporary = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << boost::json::serialize(document) << "\n";
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw std::runtime_error("cannot move the results into " + path);
  }
}

}  // namespace revbench::results

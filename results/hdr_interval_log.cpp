#include "results/hdr_interval_log.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "results/hdr_payload.hpp"

namespace revbench::results {
namespace {

double epoch_seconds(HdrIntervalLog::Time t) {
  return std::chrono::duration<double>(t.time_since_epoch()).count();
}

std::string utc_of(HdrIntervalLog::Time t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

std::string hdr_tag(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string tag;
  for (const auto& [key, value] : fields) {
    if (!tag.empty()) tag += ';';
    tag += key;
    tag += '=';
    for (const char c : value) tag += c == ',' || std::isspace(static_cast<unsigned char>(c)) ? '_' : c;
  }
  return tag;
}

HdrIntervalLog::HdrIntervalLog(const std::string& path, Time start, std::string_view comment)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc), start_(start) {
  if (!out_) throw std::runtime_error("cannot write the interval log " + path);
  char line[160];
  std::string header = "#[" + std::string(comment) + "]\n#[Histogram log format version 1.3]\n";
  std::snprintf(line, sizeof line, "#[StartTime: %.3f (seconds since epoch), %s]\n", epoch_seconds(start),
                utc_of(start).c_str());
  header += line;
  std::snprintf(line, sizeof line, "#[BaseTime: %.3f (seconds since epoch)]\n", epoch_seconds(start));
  header += line;
  header += "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n";
  write(header);
}

void HdrIntervalLog::interval(const std::string& tag, Time end, std::chrono::duration<double> length,
                              const load::LatencyHistogram& histogram) {
  if (histogram.count() == 0) return;
  const auto begin = end - std::chrono::duration_cast<Time::duration>(length);
  char numbers[96];
  // Interval_Max in milliseconds, HdrHistogram's default unit ratio for nanoseconds.
  std::snprintf(numbers, sizeof numbers, "%.3f,%.3f,%.3f,", std::chrono::duration<double>(begin - start_).count(),
                length.count(), static_cast<double>(histogram.max().count()) / 1e6);
  write("Tag=" + tag + "," + numbers + hdr_payload(histogram) + "\n");
}

void HdrIntervalLog::write(const std::string& text) {
  out_ << text;
  out_.flush();
  if (!out_) throw std::runtime_error("writing the interval log " + path_ + " failed");
}

std::unique_ptr<HdrIntervalLog> open_hlog_out(const std::string& path, HdrIntervalLog::Time start,
                                              std::string_view comment) {
  try {
    return std::make_unique<HdrIntervalLog>(path, start, comment);
  } catch (const std::runtime_error& e) {
    throw std::invalid_argument(std::string("--hlog-out: ") + e.what());
  }
}

}  // namespace revbench::results

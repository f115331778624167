#pragma once
// The report's charts as gnuplot scripts with their data inline, so each
// chart can be regenerated or restyled from its .gp file alone; gnuplot
// turns a script into SVG.
#include <string>
#include <utility>
#include <vector>

#include "harness/load/latency_histogram.hpp"

namespace revbench::results::report {

struct Series {
  std::string title;
  std::vector<std::pair<double, double>> points;
};

struct Chart {
  std::string name;  // file stem: charts/<name>.gp and .svg
  std::string caption;
  std::string script;
};

// HdrHistogram's percentile plot: x is 1/(1-q) on a log axis (labelled 90%,
// 99%, 99.9%...), y the latency in milliseconds.
Series percentile_spectrum(const std::string& title, const load::LatencyHistogram& latency);
// The cumulative distribution of a lag histogram: (seconds, fraction).
Series cumulative_distribution(const std::string& title, const load::LatencyHistogram& lag);

Chart latency_spectrum_chart(const std::vector<Series>& series, const std::string& caption);
Chart lag_cdf_chart(const std::vector<Series>& series, const std::string& caption);
struct OpsBar {
  std::string strategy;
  double redis = 0;
  double pg = 0;
};
Chart store_ops_chart(const std::vector<OpsBar>& bars, const std::string& caption);
// Store hits against staleness: per strategy, the revocation lag it promises
// on logout (x, seconds) and its store ops per request (y); strategies named
// hybrid-freshness* are joined into the curve their N traces.
struct TradeOffPoint {
  std::string strategy;
  double promised_lag_seconds = 0;
  double store_ops = 0;
};
Chart trade_off_chart(const std::vector<TradeOffPoint>& points, const std::string& caption);
// Per strategy, per second: requests, max latency (seconds), logins.
struct TimelineSeries {
  std::string title;
  std::vector<double> requests, max_latency_seconds, logins;
};
Chart timeline_chart(const std::vector<TimelineSeries>& series, const std::string& caption);

// Figures against a distance (x in milliseconds from 0), one line per
// series: the hot path's latency and the revocation lag across a --store-rtt sweep.
Chart against_distance_chart(const std::string& name, const std::vector<Series>& series, const std::string& xlabel,
                             const std::string& ylabel, const std::string& caption);

// Runs gnuplot on the script file and returns the SVG it writes. Throws
// std::runtime_error when gnuplot is missing or fails.
std::string render_svg(const std::string& script_path);

}  // namespace revbench::results::report

#include "results/report/charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "results/results_file.hpp"

namespace revbench::results::report {
namespace {

std::string num(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Same size, font and colours for every chart; no enhanced text, so names
// with underscores print as written.
std::string preamble(int height = 440) {
  return "set terminal svg size 900," + std::to_string(height) +
         " font \"DejaVu Sans,12\" noenhanced background rgb \"white\"\n"
         "set encoding utf8\nset grid lc rgb \"#dde1e8\"\nset border lc rgb \"#5b6270\"\n"
         "set key outside right top\n";
}

std::string datablock(const std::string& name, const std::vector<std::pair<double, double>>& points) {
  std::string out = "$" + name + " << EOD\n";
  for (const auto& [x, y] : points) out += num(x) + " " + num(y) + "\n";
  return out + "EOD\n";
}

// Series i's look: eight colours apart for the colour-blind too (Okabe and
// Ito's, with brown for their yellow, too pale on white), then the same
// colours dashed, then dotted, each with its own point shape: 24 series
// stay apart where gnuplot's default repeats eight colours.
std::string series_style(std::size_t i, bool points) {
  static constexpr const char* colours[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                            "#e69f00", "#56b4e9", "#000000", "#8c564b"};
  static constexpr int dash_types[] = {1, 2, 3};
  static constexpr int point_types[] = {7, 5, 9};
  const std::size_t group = (i / std::size(colours)) % std::size(dash_types);
  return "lc rgb \"" + std::string(colours[i % std::size(colours)]) + "\" dt " + std::to_string(dash_types[group]) +
         (points ? " pt " + std::to_string(point_types[group]) : std::string());
}

std::string line_plot(const std::vector<Series>& series, const char* style, bool points = false) {
  std::string data, plot = "plot ";
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string name = "s" + std::to_string(i);
    data += datablock(name, series[i].points);
    plot += (i ? ", " : "") + std::string("$") + name + " using 1:2 with " + style + " lw 2 " + series_style(i, points) +
            " title " + quoted(series[i].title);
  }
  return data + plot + "\n";
}

}  // namespace

Series percentile_spectrum(const std::string& title, const load::LatencyHistogram& latency) {
  Series series{title, {}};
  if (latency.count() == 0) return series;
  // Four points per halving of the distance to 100%, up to where one sample is left.
  const double last = static_cast<double>(latency.count());
  for (int step = 0;; ++step) {
    const double x = std::pow(2.0, step / 4.0);
    if (x >= last) break;
    const double percentile = 100.0 * (1.0 - 1.0 / x);
    series.points.emplace_back(x, static_cast<double>(latency.percentile(percentile).count()) / 1e6);
  }
  series.points.emplace_back(std::max(last, 1.0), static_cast<double>(latency.max().count()) / 1e6);
  return series;
}

Series cumulative_distribution(const std::string& title, const load::LatencyHistogram& lag) {
  Series series{title, {}};
  if (lag.count() == 0) return series;
  constexpr double floor_seconds = 1e-6;  // a lag of 0 (rejected on the first probe) on a log axis
  const double total = static_cast<double>(lag.count());
  double seen = 0;
  series.points.emplace_back(std::max(floor_seconds, static_cast<double>(lag.min().count()) / 1e9), 0.0);
  for (const auto& [cell, n] : lag.nonzero_cells()) {
    seen += static_cast<double>(n);
    const double at = std::min(static_cast<double>(load::LatencyHistogram::highest_in_cell(cell)),
                               static_cast<double>(lag.max().count()));
    series.points.emplace_back(std::max(floor_seconds, at / 1e9), seen / total);
  }
  return series;
}

Chart latency_spectrum_chart(const std::vector<Series>& series, const std::string& caption) {
  std::string script = preamble() +
                       "set logscale xy\nset xrange [1:*]\n"
                       "set xtics (\"0%%\" 1, \"90%%\" 10, \"99%%\" 100, \"99.9%%\" 1000, \"99.99%%\" 10000, \"99.999%%\" 100000)\n"
                       "set xlabel \"percentile\"\nset ylabel \"latency (ms)\"\nset format y \"%g\"\n";
  return {"latency-spectrum", caption, script + line_plot(series, "lines")};
}

Chart lag_cdf_chart(const std::vector<Series>& series, const std::string& caption) {
  std::string script = preamble() +
                       "set logscale x\nset format x \"%g\"\nset yrange [0:1.05]\n"
                       "set xlabel \"revocation lag (s)\"\nset ylabel \"fraction of revocations\"\n";
  return {"revocation-lag-cdf", caption, script + line_plot(series, "steps")};
}

Chart store_ops_chart(const std::vector<OpsBar>& bars, const std::string& caption) {
  double highest = 0;
  std::string data = "$ops << EOD\n";
  for (const auto& bar : bars) {
    data += quoted(bar.strategy) + " " + num(bar.redis) + " " + num(bar.pg) + "\n";
    highest = std::max({highest, bar.redis, bar.pg});
  }
  data += "EOD\n";
  std::string script = preamble() + data +
                       "set style data histograms\nset style histogram clustered gap 1\n"
                       "set style fill solid 0.85 border -1\nset boxwidth 0.9\n"
                       "set yrange [0:" + num(std::max(1.0, highest * 1.25)) + "]\n"
                       "set ylabel \"store operations per GET /api/resource\"\n"
                       "set xtics rotate by 35 right nomirror\n"
                       "plot $ops using 2:xtic(1) title \"Redis\" lc rgb \"#c8453b\", "
                       "$ops using 3 title \"PostgreSQL\" lc rgb \"#336791\"\n";
  return {"store-ops", caption, script};
}

Chart trade_off_chart(const std::vector<TradeOffPoint>& points, const std::string& caption) {
  std::string all = "$all << EOD\n", curve = "$curve << EOD\n";
  std::vector<TradeOffPoint> hybrids;
  // Points near one another (within 12% of the x range and 6% of the y
  // range) share one stack of labels, a name a line, going down from the
  // upper half and up from the lower: labels side by side would be drawn
  // over each other. A name whose point is not the stack's says where it is.
  double widest = 0, highest = 0;
  for (const auto& p : points) {
    widest = std::max(widest, p.promised_lag_seconds);
    highest = std::max(highest, p.store_ops);
  }
  const double width = widest + 0.7, height = std::max(highest, 1.0) * 1.1;  // the plot's ranges, offsets included
  struct Stack {
    double x, y;
    std::vector<std::string> names;
  };
  std::vector<Stack> stacks;
  for (const auto& p : points) {
    all += num(p.promised_lag_seconds) + " " + num(p.store_ops) + "\n";
    if (p.strategy.starts_with("hybrid-freshness")) hybrids.push_back(p);
    auto near = std::find_if(stacks.begin(), stacks.end(), [&](const Stack& stack) {
      return std::abs(stack.x - p.promised_lag_seconds) < 0.12 * width && std::abs(stack.y - p.store_ops) < 0.06 * height;
    });
    const bool elsewhere = near != stacks.end() && (near->x != p.promised_lag_seconds || near->y != p.store_ops);
    const auto brief = [](double value) {
      char text[24];
      std::snprintf(text, sizeof text, "%.3g", value);
      return std::string(text);
    };
    const std::string name =
        elsewhere ? p.strategy + " (" + brief(p.promised_lag_seconds) + " s, " + brief(p.store_ops) + ")" : p.strategy;
    if (near == stacks.end()) stacks.push_back({p.promised_lag_seconds, p.store_ops, {name}});
    else near->names.push_back(name);
  }
  std::string labels;
  for (const auto& stack : stacks) {
    const bool downwards = stack.y > height / 2;
    for (std::size_t line = 0; line < stack.names.size(); ++line)
      labels += "set label " + quoted(stack.names[line]) + " at " + num(stack.x) + "," + num(stack.y) + " left offset 0.8," +
                num(downwards ? -0.9 - 1.1 * static_cast<double>(line) : 0.7 + 1.1 * static_cast<double>(line)) +
                " font \",10\"\n";
  }
  std::sort(hybrids.begin(), hybrids.end(),
            [](const auto& a, const auto& b) { return a.promised_lag_seconds < b.promised_lag_seconds; });
  for (const auto& p : hybrids) curve += num(p.promised_lag_seconds) + " " + num(p.store_ops) + "\n";
  std::string script = preamble() + all + "EOD\n" + curve + "EOD\n" + labels +
                       "set xlabel \"promised revocation lag on logout (s)\"\n"
                       "set ylabel \"store operations per GET /api/resource\"\n"
                       "set xrange [-0.1:*]\nset yrange [0:*]\nset offsets 0, 0.6, 0.1, 0\n"
                       "plot $all using 1:2 with points pt 7 ps 1.2 lc rgb \"#336791\" title \"strategies\"";
  if (!hybrids.empty()) script += ", $curve using 1:2 with lines lw 2 lc rgb \"#c8453b\" title \"hybrid-freshness, by N\"";
  return {"store-ops-vs-lag", caption, script + "\n"};
}

Chart timeline_chart(const std::vector<TimelineSeries>& series, const std::string& caption) {
  std::string data;
  std::string plots[3];
  const char* labels[3] = {"requests/s", "max latency (ms)", "logins/s"};
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string name = "t" + std::to_string(i);
    data += "$" + name + " << EOD\n";
    const auto& s = series[i];
    for (std::size_t second = 0; second < s.requests.size(); ++second)
      data += std::to_string(second) + " " + num(s.requests[second]) + " " + num(s.max_latency_seconds[second] * 1e3) +
              " " + num(s.logins[second]) + "\n";
    data += "EOD\n";
    for (int panel = 0; panel < 3; ++panel)
      plots[panel] += (i ? ", " : "") + std::string("$") + name + " using 1:" + std::to_string(panel + 2) +
                      " with linespoints lw 2 ps 0.5 " + series_style(i, true) + " title " + quoted(s.title);
  }
  // Equal margins, so the three panels share one time axis; one key, beside
  // the top panel in a single column (three keys of two columns each ran
  // into the plots).
  std::string script = preamble(1080) + data +
                       "set multiplot layout 3,1\nset xrange [0:*]\nset lmargin 10\nset rmargin 32\n"
                       "set key outside right top vertical spacing 0.9\n";
  for (int panel = 0; panel < 3; ++panel) {
    if (panel == 1) script += "unset key\n";
    if (panel == 2) script += "set xlabel \"second of the run\"\n";
    script += "set ylabel \"" + std::string(labels[panel]) + "\"\nplot " + plots[panel] + "\n";
  }
  return {"rotation-storm-timeline", caption, script + "unset multiplot\n"};
}

Chart against_distance_chart(const std::string& name, const std::vector<Series>& series, const std::string& xlabel,
                             const std::string& ylabel, const std::string& caption) {
  std::string script = preamble() + "set xrange [0:*]\nset yrange [0:*]\nset offsets 0, graph 0.05, graph 0.05, 0\n" +
                       "set xlabel " + quoted(xlabel) + "\nset ylabel " + quoted(ylabel) + "\n";
  return {name, caption, script + line_plot(series, "linespoints ps 0.6", true)};
}

std::string render_svg(const std::string& script_path) {
  FILE* pipe = ::popen(("gnuplot " + shell_word(script_path)).c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot start gnuplot");
  std::string svg;
  char buffer[8192];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) svg.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status != 0 || svg.find("<svg") == std::string::npos)
    throw std::runtime_error("gnuplot failed on " + script_path +
                             " (is gnuplot installed? scripts/setup installs gnuplot-nox)");
  return svg;
}

}  // namespace revbench::results::report

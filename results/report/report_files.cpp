#include "results/report/report_files.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace revbench::results::report {
namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
  const auto temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) throw std::runtime_error(path.string() + ": cannot be written");
  }
  std::filesystem::rename(temporary, path);
}

}  // namespace

std::vector<std::string> write_report(const std::string& directory, const ResultsSet& results,
                                      const ReportOptions& options) {
  const std::filesystem::path root(directory);
  std::filesystem::create_directories(root / "charts");
  std::vector<std::string> written;
  std::vector<RenderedChart> rendered;
  for (auto& chart : make_charts(results, options)) {
    const auto script = root / "charts" / (chart.name + ".gp");
    write_file(script, chart.script);
    std::string svg = render_svg(script.string());
    write_file(root / "charts" / (chart.name + ".svg"), svg);
    written.push_back("charts/" + chart.name + ".gp");
    written.push_back("charts/" + chart.name + ".svg");
    rendered.push_back({std::move(chart), std::move(svg)});
  }
  const Document document = build_report(results, options, rendered);
  write_file(root / "report.md", to_markdown(document) + "\n");
  write_file(root / "report.html", to_html(document));
  written.push_back("report.md");
  written.push_back("report.html");
  return written;
}

}  // namespace revbench::results::report

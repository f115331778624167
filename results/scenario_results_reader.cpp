#include "results/scenario_results_reader.hpp"

#include <boost/json/parse.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "harness/contract/json_member.hpp"

namespace revbench::results {
namespace json = boost::json;

namespace {

std::string basename_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string content_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

std::vector<ScenarioResultsFile> read_scenario_results(const std::vector<std::string>& paths) {
  if (paths.empty()) throw std::runtime_error("no results files given");
  std::vector<ScenarioResultsFile> files;
  std::vector<std::string> contents;
  for (const auto& path : paths) {
    auto content = content_of(path);
    for (std::size_t i = 0; i < contents.size(); ++i)
      if (contents[i] == content)
        throw std::runtime_error(path + ": the same results as " + files[i].path +
                                 ", given twice (its runs would count twice)");
    boost::system::error_code ec;
    json::value document = json::parse(content, ec);
    if (ec) throw std::runtime_error(path + ": not JSON (" + ec.message() + ")");
    if (!document.is_object()) throw std::runtime_error(path + ": not a revbench results file (not a JSON object)");
    const auto kind = contract::string_member(document.as_object(), "kind").value_or("");
    if (kind.empty()) throw std::runtime_error(path + ": not a revbench results file (no \"kind\")");
    if (kind != "run" && kind != "compare")
      throw std::runtime_error(path + ": a '" + kind + "' results file: only scenario runs (revbench run or compare) are read here");
    files.push_back({path, basename_of(path), std::move(document.as_object())});
    contents.push_back(std::move(content));
  }
  return files;
}

}  // namespace revbench::results

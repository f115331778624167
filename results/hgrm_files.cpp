#include "results/hgrm_files.hpp"

#include <stdexcept>

#include "results/results_file.hpp"
#include "results/run_record.hpp"

namespace revbench::results {
namespace {

namespace json = boost::json;

std::string text_of(const json::object& o, const char* key) {
  const auto* member = o.if_contains(key);
  return member != nullptr && member->is_string() ? std::string(member->as_string()) : std::string();
}

// A name as one path component: what a file system or a shell would trip on becomes '_'.
std::string component(std::string name) {
  for (char& c : name)
    if (c == '/' || c == '\\' || c == ' ' || c == ':' || static_cast<unsigned char>(c) < 0x20) c = '_';
  return name.empty() ? std::string("_") : name;
}

std::string stem_of(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

void add(std::vector<HgrmFile>& files, const std::string& path, const json::object& holder, const char* key) {
  const auto* histogram = holder.if_contains(key);
  if (histogram == nullptr || !histogram->is_object()) return;
  try {
    files.push_back({path, histogram_from_json(histogram->as_object()).percentile_distribution(1e6)});
  } catch (const std::exception& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

}  // namespace

std::vector<HgrmFile> hgrm_files(const ScenarioResultsFile& file) {
  std::vector<HgrmFile> files;
  int place = 0;
  for (const auto& entry : file.document.at("runs").as_array()) {
    const auto& run = entry.as_object();
    std::string point;
    for (const auto& swept : {text_of(run, "store_rtt"), text_of(run, "replica_delay"), balancer_of(run)})
      if (!swept.empty()) point = "-" + component(swept);
    const std::string dir = component(stem_of(file.name)) + "/run-" + std::to_string(++place) + "-" +
                            component(text_of(run, "strategy")) + "-" + component(text_of(run, "scenario")) + point + "/";
    if (const auto* endpoints = run.if_contains("endpoints"))
      for (const auto& e : endpoints->as_array()) {
        const auto& endpoint = e.as_object();
        if (const auto* latency = endpoint.if_contains("latency_corrected"))
          add(files, dir + component(text_of(endpoint, "phase")) + "." + component(text_of(endpoint, "endpoint")) + ".hgrm",
              latency->as_object(), "histogram");
      }
    if (const auto* lag = run.if_contains("revocation_lag"))
      if (lag->is_object()) add(files, dir + "revocation_lag.hgrm", lag->as_object(), "histogram");
  }
  return files;
}

}  // namespace revbench::results

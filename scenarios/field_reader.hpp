#pragma once
// A scenario script's YAML values, each checked as it is read: a refusal is
// a ScenarioError naming the file, line, column and field path.
#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/load/scenario/plan.hpp"

namespace revbench::scenarios {

// A node and how to name it in an error message.
struct Field {
  YAML::Node node;  // a handle: cheap to copy
  std::string path;
};

class FieldReader {
 public:
  explicit FieldReader(std::string source) : source_(std::move(source)) {}

  const std::string& source() const { return source_; }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& path, const std::string& message) const;
  // file:line:col: path, as an error names a field.
  std::string where(const Field& f) const;
  static std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

  // The keys of a map, refusing duplicates and keys not in `allowed`.
  void check_keys(const Field& f, const std::vector<std::string_view>& allowed) const;
  std::string scalar(const Field& f) const;
  // Letters, digits, '-' and '_'.
  std::string name(const Field& f) const;
  long integer(const Field& f, long min, long max) const;
  bool boolean(const Field& f) const;
  load::Duration duration(const Field& f) const;  // at most an hour
  // Requests per second of one actor: 20, 20/s or 300/m.
  double rate(const Field& f) const;
  // The index of the value among `options`.
  std::size_t one_of(const Field& f, std::initializer_list<std::string_view> options) const;
  template <typename T>
  T choice(const Field& f, std::initializer_list<std::pair<std::string_view, T>> options) const {
    std::vector<std::string_view> labels;
    for (const auto& option : options) labels.push_back(option.first);
    return (options.begin() + one_of(f, labels))->second;
  }

 private:
  std::size_t one_of(const Field& f, const std::vector<std::string_view>& options) const;
  std::string source_;
};

}  // namespace revbench::scenarios

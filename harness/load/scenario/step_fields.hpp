#pragma once
// A step's fields as its kind reads them from the script. The script's parser
// (scenarios/) implements it, so every mistake names the file, line, column
// and field path, and the runtime never sees YAML.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "harness/load/scenario/plan.hpp"

namespace revbench::load {

class StepFields {
 public:
  virtual bool has(std::string_view key) const = 0;
  // A name of letters, digits, '-' and '_'.
  virtual std::string name(std::string_view key) const = 0;
  // An actor group's name, or a phase's (or "end"): checked once the whole script is read.
  virtual std::string group(std::string_view key) = 0;
  virtual std::string phase(std::string_view key) = 0;
  virtual long integer(std::string_view key, long min, long max) const = 0;
  virtual bool boolean(std::string_view key) const = 0;
  virtual Duration duration(std::string_view key) const = 0;      // 500us, 20ms, 2s, 1m
  virtual double rate(std::string_view key) const = 0;            // 20, 20/s, 300/m: per second
  // The index of the option the field names.
  virtual std::size_t choice(std::string_view key, std::initializer_list<std::string_view> options) const = 0;
  // `think: 100ms`: the step given as a single duration instead of fields.
  virtual std::optional<Duration> shorthand_duration() const = 0;
  // An error about one field, or (key empty) about the step's fields together.
  [[noreturn]] virtual void fail(std::string_view key, const std::string& message) const = 0;

 protected:
  ~StepFields() = default;
};

}  // namespace revbench::load

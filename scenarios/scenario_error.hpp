#pragma once
// A scenario script refused: the message names the file, line, column and
// field path.
#include <stdexcept>

namespace revbench::scenarios {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace revbench::scenarios

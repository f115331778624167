#pragma once
// The table of step kinds a scenario script can name: what each reads from
// its fields and who may take it. Adding a kind is one file in steps/ and one
// row in step_kinds.cpp.
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

// Which groups may take a step.
enum class StepTakers { users, thieves, admins, users_or_thieves, anyone };

struct StepKind {
  std::string_view name;
  // The fields it takes (session and mark are read by the parser, into Step).
  std::vector<std::string_view> fields;
  StepTakers takers = StepTakers::users;
  bool needs_fields = false;      // a bare `- ban` means nothing
  bool records_mark = true;       // false: `mark` names something else (wait's awaited mark)
  bool needs_revoked_by = false;  // the group must say which mark revokes what it stole
  std::shared_ptr<const StepAction> (*parse)(StepFields& fields);
};

std::span<const StepKind> step_kinds();
const StepKind* find_step_kind(std::string_view name);

}  // namespace revbench::load

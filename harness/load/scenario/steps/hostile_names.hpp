#pragma once
// `hostile-names`: names that are almost the paired `from` actor's user name
// (a NUL byte with text after it, control characters, spaces around it,
// another case, look-alike and invisible characters, invalid UTF-8, 300
// bytes), each sent `at` login (with the user's password), a reset request,
// or a ban (with the admin token, as a tool that takes a name from its user
// would). None names the user: each must be refused, and none may log in as
// the user, get its reset token or ban it. Those served are counted
// (`hostile_names_served`, a failed verdict whatever the promise).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"

namespace revbench::load {

// The variants of `name`, none of them `name`, each with what makes it hostile.
struct HostileName {
  std::string name;
  std::string_view what;
};
std::vector<HostileName> hostile_variants(const std::string& name);

struct HostileNamesStep final : StepAction {
  enum class At { login, reset_request, ban };
  std::string victims;  // the group whose paired actor's name is varied
  At at = At::login;
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse(StepFields& fields);
};

}  // namespace revbench::load

#pragma once
// `logout`, `logout-all`, `password-change`: the user ends this session,
// every session, or every other session (a password change); `retry`:
// steps/account_change.hpp.
#include "harness/load/scenario/step_action.hpp"
#include "harness/load/scenario/step_fields.hpp"
#include "harness/load/scenario/steps/account_change.hpp"

namespace revbench::load {

struct EndSessionStep final : StepAction {
  enum class How { logout, logout_all, password_change };
  How how = How::logout;
  ChangeRetry retry;
  explicit EndSessionStep(How h) : how(h) {}
  boost::asio::awaitable<bool> perform(Stage& stage, Actor& actor, const Step& step) const override;
  static std::shared_ptr<const StepAction> parse_logout(StepFields& fields);
  static std::shared_ptr<const StepAction> parse_logout_all(StepFields& fields);
  static std::shared_ptr<const StepAction> parse_password_change(StepFields& fields);
};

}  // namespace revbench::load

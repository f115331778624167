#include "harness/load/scenario/steps/end_session.hpp"

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/stage.hpp"

namespace revbench::load {
using contract::Endpoint;

boost::asio::awaitable<bool> EndSessionStep::perform(Stage& stage, Actor& actor, const Step& step) const {
  Slot& slot = actor.slots[step.session];
  if (slot.access.empty()) co_return stage.fail(actor, step, "no session to end (log in first)");
  const bool was_targeted = stage.ledger.targeted(slot.lineage);
  LoadRequest request;
  Endpoint endpoint = Endpoint::logout;
  switch (how) {
    case How::logout:
      request = requests::logout(slot.access, slot.refresh);
      stage.ledger.target(slot.lineage);
      break;
    case How::logout_all:
      request = requests::logout_all(slot.access);
      endpoint = Endpoint::logout_all;
      stage.ledger.target_user(actor.user);
      break;
    case How::password_change:
      request = requests::change_password(slot.access, actor.password, actor.password + "-changed");
      endpoint = Endpoint::password;
      stage.ledger.target_user(actor.user, slot.lineage);
      break;
  }
  const auto change = co_await make_change(stage, actor, step, request, contract::label_of(endpoint), retry);
  if (change.end == ChangeEnd::failed) co_return false;
  if (change.end == ChangeEnd::refused) {
    if (how == How::password_change) co_return stage.fail(actor, step, "HTTP 401 " + change.last.body);
    // The session was over before the user ended it (another event ended
    // it): the user is logged out all the same, and that death was collateral
    // unless an earlier event meant it.
    if (stage.ledger.refused(slot.lineage, was_targeted)) ++stage.recorder.security().collateral_logouts;
    stage.recorder.note(actor.group->name + " " + std::to_string(actor.index) +
                        ": the session to end was already refused (" + refusal_reason(change.last) + ")");
    slot = Slot{};
    co_return true;
  }
  if (how == How::password_change) actor.password += "-changed";
  if (how == How::logout) slot = Slot{};  // the client drops what it logged out
  co_return true;
}

namespace {
std::shared_ptr<const StepAction> parse_as(EndSessionStep::How how, const StepFields& fields) {
  auto step = std::make_shared<EndSessionStep>(how);
  // A password change made already: the old password the retry sends no longer matches. A logout made
  // already: the token it sends is refused as revoked (only its own logout ends a scripted session mid-retry).
  if (how == EndSessionStep::How::password_change)
    step->retry = ChangeRetry::parse(fields, contract::Reason::bad_credentials);
  else
    step->retry = ChangeRetry::parse(fields, contract::Reason::revoked, false);
  return step;
}
}  // namespace

std::shared_ptr<const StepAction> EndSessionStep::parse_logout(StepFields& fields) { return parse_as(How::logout, fields); }
std::shared_ptr<const StepAction> EndSessionStep::parse_logout_all(StepFields& fields) {
  return parse_as(How::logout_all, fields);
}
std::shared_ptr<const StepAction> EndSessionStep::parse_password_change(StepFields& fields) {
  return parse_as(How::password_change, fields);
}

}  // namespace revbench::load

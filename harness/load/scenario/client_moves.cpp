#include "harness/load/scenario/client_moves.hpp"

#include "harness/contract/endpoint.hpp"
#include "harness/load/scenario/contract_client.hpp"

namespace revbench::load {
namespace asio = boost::asio;
using contract::Endpoint;
using contract::label_of;

asio::awaitable<bool> log_in(Stage& stage, Actor& actor, Slot& slot, const std::string& device) {
  const auto request = requests::login(actor.user, actor.password, device);
  const auto response = co_await stage.send(actor, request, label_of(Endpoint::login));
  const auto grant = grant_of(response);
  if (!grant) {
    if (actor.banned && response.status == 401) co_return false;  // the ban working, not a failure
    ++stage.recorder.security().failed_steps;
    stage.recorder.note(actor.group->name + ": login as " + actor.user + " got HTTP " +
                        std::to_string(response.status) + " " + response.body + response.error);
    co_return false;
  }
  slot.keep(*grant);
  slot.lineage = stage.ledger.open(actor.user);
  co_return true;
}

void refreshed(Stage& stage, Slot& slot, const LoadResponse& response) {
  if (const auto grant = grant_of(response)) {
    slot.keep(*grant);
    return;
  }
  if (response.status == 401 && refusal_reason(response) == to_string(contract::Reason::reuse_detected) && slot.lineage >= 0) {
    auto& security = stage.recorder.security();
    if (stage.ledger.reuse_detected(slot.lineage))
      ++security.theft_detections;
    else
      ++security.false_theft_detections;
  }
}

asio::awaitable<bool> renew(Stage& stage, Actor& actor, Slot& slot) {
  ++stage.recorder.security().renewals;
  if (!slot.refresh.empty()) {
    const auto request = requests::refresh(slot.refresh);
    const auto renewed = co_await stage.send(actor, request, label_of(Endpoint::refresh));
    refreshed(stage, slot, renewed);
    if (renewed.status == 200) co_return true;
  }
  co_return co_await log_in(stage, actor, slot);
}

asio::awaitable<bool> refused(Stage& stage, Actor& actor, Slot& slot, const LoadResponse& response, bool relogin) {
  const auto reason = refusal_reason(response);
  if (reason == to_string(contract::Reason::expired)) co_return co_await renew(stage, actor, slot);
  if (slot.lineage >= 0 && stage.ledger.refused(slot.lineage)) {
    ++stage.recorder.security().collateral_logouts;
    stage.recorder.note(actor.group->name + " " + std::to_string(actor.index) +
                        ": a session no event targeted was refused (" + reason + ")");
  }
  if (!relogin) co_return false;
  ++stage.recorder.security().relogins;
  co_return co_await log_in(stage, actor, slot);
}

}  // namespace revbench::load

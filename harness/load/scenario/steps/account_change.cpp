#include "harness/load/scenario/steps/account_change.hpp"

#include "harness/load/scenario/contract_client.hpp"
#include "harness/load/scenario/stage.hpp"

namespace revbench::load {
namespace {

std::string who(const Actor& actor) { return actor.group->name + " " + std::to_string(actor.index); }

}  // namespace

ChangeRetry ChangeRetry::parse(const StepFields& fields, std::optional<contract::Reason> made_already,
                               bool half_done_harms) {
  ChangeRetry retry;
  retry.made_already = made_already;
  retry.half_done_harms = half_done_harms;
  if (!fields.has("retry")) return retry;
  retry.pause = fields.duration("retry");
  if (retry.pause <= Duration{0}) fields.fail("retry", "the pause between tries must be longer than 0");
  return retry;
}

boost::asio::awaitable<ChangeResult> make_change(Stage& stage, Actor& actor, const Step& step,
                                                 const LoadRequest& request, std::string_view endpoint,
                                                 ChangeRetry retry) {
  auto& security = stage.recorder.security();
  bool told_not_made = false;
  for (;;) {
    auto response = co_await stage.send(actor, request, endpoint);
    const auto answer = change_answer(response);
    if (answer == ChangeAnswer::revoked) {
      ++security.changes_revoked;
      co_return ChangeResult{ChangeEnd::made, std::move(response)};
    }
    if (answer == ChangeAnswer::revocation_pending) {
      ++security.changes_owed;
      stage.recorder.note(who(actor) + ": the change is made, its revocation pending (the strategy's store did not answer)");
      co_return ChangeResult{ChangeEnd::made, std::move(response)};
    }
    if (response.status == 401 && told_not_made && retry.made_already &&
        refusal_reason(response) == contract::to_string(*retry.made_already)) {
      if (retry.half_done_harms) ++security.changes_half_done;
      stage.recorder.note(who(actor) + ": a change the server said it had not made was made (" + refusal_reason(response) +
                          " on the retry)");
      co_return ChangeResult{ChangeEnd::made, std::move(response)};
    }
    if (response.status == 401) co_return ChangeResult{ChangeEnd::refused, std::move(response)};
    const bool store_down = response.status == 503;
    if (store_down) ++security.changes_unavailable;
    if (!store_down || retry.pause == Duration{0} || stage.finished()) {
      stage.fail(actor, step, "HTTP " + std::to_string(response.status) + " " + response.body);
      co_return ChangeResult{ChangeEnd::failed, std::move(response)};
    }
    told_not_made = true;
    co_await stage.sleep_until(ScenarioClock::Clock::now() + retry.pause);
  }
}

}  // namespace revbench::load

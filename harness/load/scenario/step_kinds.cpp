#include "harness/load/scenario/step_kinds.hpp"

#include <algorithm>

#include "harness/load/scenario/steps/admin.hpp"
#include "harness/load/scenario/steps/end_session.hpp"
#include "harness/load/scenario/steps/hostile_names.hpp"
#include "harness/load/scenario/steps/login.hpp"
#include "harness/load/scenario/steps/probe.hpp"
#include "harness/load/scenario/steps/racing_logins.hpp"
#include "harness/load/scenario/steps/refresh.hpp"
#include "harness/load/scenario/steps/reset.hpp"
#include "harness/load/scenario/steps/reset_request.hpp"
#include "harness/load/scenario/steps/resource.hpp"
#include "harness/load/scenario/steps/steal.hpp"
#include "harness/load/scenario/steps/think.hpp"
#include "harness/load/scenario/steps/wait.hpp"

namespace revbench::load {
namespace {

using T = StepTakers;

// Every step kind, in the order error messages list them.
const std::vector<StepKind> table = {
    // name              fields                                                            takers        needs  mark  revoked_by
    {"login",           {"session", "device", "mark"},                                     T::users,     false, true, false, &LoginStep::parse},
    {"resource",        {"session", "mark", "repeat", "for", "until", "rate", "think", "relogin"},
                                                                                          T::users_or_thieves, false, true, false, &ResourceStep::parse},
    {"refresh",         {"session", "mark", "tabs"},                                       T::users_or_thieves, false, true, false, &RefreshStep::parse},
    {"logout",          {"session", "mark", "retry"},                                               T::users,     false, true, false, &EndSessionStep::parse_logout},
    {"logout-all",      {"session", "mark", "retry"},                                               T::users,     false, true, false, &EndSessionStep::parse_logout_all},
    {"password-change", {"session", "mark", "retry"},                                               T::users,     false, true, false, &EndSessionStep::parse_password_change},
    {"ban",             {"target", "mark", "retry"},                                                T::admins,    true,  true, false, &AdminStep::parse_ban},
    {"unban",           {"target", "mark", "retry"},                                                T::admins,    true,  true, false, &AdminStep::parse_unban},
    {"rotate-secret",   {"session", "mark", "retry"},                                               T::admins,    false, true, false, &AdminStep::parse_rotate_secret},
    {"reset-request",   {"session", "mark"},                                               T::users,     false, true, false, &ResetRequestStep::parse},
    {"reset",           {"session", "mark", "retry"},                                               T::users,     false, true, false, &ResetStep::parse},
    {"steal",           {"from", "token", "session", "mark"},                              T::thieves,   true,  true, false, &StealStep::parse},
    {"probe",           {"token", "session", "every", "give_up", "through", "mark"},                  T::thieves,   false, true, true,  &ProbeStep::parse},
    {"racing-logins",   {"from", "count", "spread", "every", "give_up", "overlapping_may_survive", "mark"},
                                                                                          T::thieves,   true,  true, true,  &RacingLoginsStep::parse},
    {"hostile-names",   {"from", "at", "mark"},                                           T::anyone,    true,  true, false, &HostileNamesStep::parse},
    {"wait",            {"phase", "actor", "mark"},                                        T::anyone,    true,  false, false, &WaitStep::parse},
    {"think",           {"duration", "mark"},                                              T::anyone,    true,  true, false, &ThinkStep::parse},
};

}  // namespace

std::span<const StepKind> step_kinds() { return table; }

const StepKind* find_step_kind(std::string_view name) {
  const auto found = std::find_if(table.begin(), table.end(), [&](const StepKind& kind) { return kind.name == name; });
  return found == table.end() ? nullptr : &*found;
}

}  // namespace revbench::load

#include "results/verdict.hpp"

#include <cstdio>

namespace revbench::results {
namespace {

std::string seconds(std::chrono::nanoseconds ns) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(ns.count()) / 1e9);
  return text;
}

}  // namespace

Verdict judge(std::optional<contract::Promise> promise, const load::ScenarioStats& stats, std::chrono::seconds access_ttl,
              std::chrono::milliseconds bound) {
  using contract::Promise;
  const auto& s = stats.security;
  // Whatever the promise: a client told "not made" must be able to trust it.
  if (s.changes_half_done > 0)
    return {false, std::to_string(s.changes_half_done) + " change(s) answered as not made were made (half done)"};
  if (s.hostile_names_served > 0)
    return {false, std::to_string(s.hostile_names_served) + " request(s) under a name that is not the user's were served"};

  if (!promise) return {true, "the scenario revokes nothing"};
  if (promise == Promise::not_applicable) return {true, "not applicable: the strategy issues no such token"};
  if (promise == Promise::not_revoked)
    return {true, "not revoked by this event, as stated: " + std::to_string(s.accepted_after_revoke) +
                      " thief request(s) accepted, " + std::to_string(s.never_rejected) + " still accepted at give-up"};
  // No promise allows a revocation that held to come undone. A failover can
  // do both at once (some revocations never seen, some undone): say both.
  std::string broken;
  if (s.never_rejected > 0) broken = std::to_string(s.never_rejected) + " stolen token(s) still accepted at give-up";
  if (s.revocations_lost > 0)
    broken += (broken.empty() ? "" : "; ") + std::to_string(s.revocations_lost) +
              " revocation(s) lost: refused, then accepted again (" +
              std::to_string(s.accepted_after_lost_revocation) + " thief request(s) accepted after)";
  if (!broken.empty()) return {false, broken};
  // Racing logins the revocation refused are measured too: their sessions never existed.
  if (s.probes == 0 && s.racing_logins_refused == 0)
    return {false, "no revocation was measured" + (stats.notes.empty() ? std::string() : ": " + stats.notes.front())};
  const std::string refused_logins =
      s.racing_logins_refused == 0 ? std::string()
                                   : "; " + std::to_string(s.racing_logins_refused) + " racing login(s) refused";
  const auto lag_max = stats.revocation_lag.max();
  if (promise == Promise::after_access_ttl) {
    // The token lives at most its TTL; a second of slack covers whole-second exp claims.
    const auto ttl_bound = access_ttl + std::chrono::seconds(1);
    if (lag_max > ttl_bound) return {false, "lag " + seconds(lag_max) + " exceeds the access TTL (" + std::to_string(access_ttl.count()) + " s)"};
    return {true, "lag at most " + seconds(lag_max) + ", within the access TTL (" + std::to_string(access_ttl.count()) + " s)" +
                      refused_logins};
  }
  if (promise == Promise::within_bound) {
    // Other instances may accept the token until the revocation reaches them: the bound is the promise.
    if (lag_max > bound) return {false, "lag " + seconds(lag_max) + " exceeds the promised " + seconds(bound)};
    return {true, "lag at most " + seconds(lag_max) + " on every instance, within the promised " + seconds(bound) +
                      " (" + std::to_string(s.accepted_after_revoke) + " thief request(s) accepted meanwhile)" + refused_logins};
  }
  // immediate, everyone_logged_out: nothing sent after the revoking response gets through.
  if (s.accepted_after_revoke > 0)
    return {false, "the thief got " + std::to_string(s.accepted_after_revoke) + " request(s) through after the revoke"};
  return {true, "0 thief requests accepted after the revoke; lag at most " + seconds(lag_max) + refused_logins};
}

}  // namespace revbench::results

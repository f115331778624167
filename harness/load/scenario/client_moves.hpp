#pragma once
// What a careful client does with its sessions, shared by the steps: log in,
// keep a refresh grant (or count what its refusal means), renew an access
// token before it expires, and react to a refused session.
#include <boost/asio/awaitable.hpp>

#include <string>

#include "harness/load/scenario/stage.hpp"

namespace revbench::load {

// POST /auth/login as the actor's user into `slot`: a new session in the ledger.
boost::asio::awaitable<bool> log_in(Stage& stage, Actor& actor, Slot& slot, const std::string& device = {});

// A refresh grant answered: keep the new pair, or count a reuse_detected.
void refreshed(Stage& stage, Slot& slot, const LoadResponse& response);

// A fresh access token: refreshed where the strategy issues refresh tokens, a new login otherwise.
boost::asio::awaitable<bool> renew(Stage& stage, Actor& actor, Slot& slot);

// A legitimate user's request was refused: renew an expired token, note a
// session that died without being targeted, log in again when `relogin`.
// False when the actor no longer has a working session.
boost::asio::awaitable<bool> refused(Stage& stage, Actor& actor, Slot& slot, const LoadResponse& response, bool relogin);

}  // namespace revbench::load

#pragma once
// The one interface every invalidation strategy implements, and what each
// declares it promises for every event the harness measures (DESIGN.md,
// "Semantics every strategy must state").
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/contract/events.hpp"
#include "harness/contract/population.hpp"
#include "harness/contract/reason.hpp"
#include "harness/jwt/key.hpp"
#include "harness/store/op_counters.hpp"
#include "harness/store/pg_config.hpp"

namespace revbench::store {
class RedisClient;
class PgClient;
class RedisBulkWriter;
class BlockingPg;
}  // namespace revbench::store

namespace revbench::strategies {

// The events and promises are the contract's vocabulary; strategies state them.
using contract::Event;
using contract::Promise;
using contract::all_events;
using contract::to_string;

struct PromiseFor {
  Event event;
  Promise promise;
  std::string note;  // the collateral or the condition, in a sentence
  std::chrono::milliseconds bound{0};  // within_bound: the promised worst lag
  // The collateral: every other session of every user ends too, on the same
  // schedule (a rotation of the one signing key).
  bool everyone_logged_out = false;
};

// Where a strategy's calls run: this worker thread's store clients and the
// tally of store ops the current request has caused.
struct Context {
  store::RedisClient& redis;
  store::PgClient& pg;
  store::OpTally& tally;
  double now;  // seconds since the epoch
  // Where a check may read (a replica, --read-from replica), else null: the
  // primaries above. Writes, and reads that must see them, use the primaries.
  store::RedisClient* redis_replica = nullptr;
  store::PgClient* pg_replica = nullptr;
  store::RedisClient& redis_reads() const { return redis_replica != nullptr ? *redis_replica : redis; }
  store::PgClient& pg_reads() const { return pg_replica != nullptr ? *pg_replica : pg; }
};

// A verified caller.
struct Principal {
  std::string user;
  std::string sid;
  std::string jti;
  std::int64_t exp = 0;
  std::int64_t issued_us = 0;    // iat_us: whether a revocation stamped later covers the token
  bool user_row_loaded = false;  // the strategy read the user's row already (pg-token-version)
  bool failed_open = false;      // accepted unchecked because the store was down (--fail-open)
  std::string renewed_token;     // hybrid-freshness: a fresh token for the client to use from now on
};

struct TokenPair {
  std::string access_token;
  std::optional<std::string> refresh_token;
  std::int64_t expires_in = 0;
};

// Why a request is refused: 401 with `reason`, or 503 when a store failed
// and the strategy fails closed.
struct Refusal {
  enum class Kind { unauthorized, unavailable };
  Kind kind = Kind::unauthorized;
  contract::Reason reason = contract::Reason::revoked;
  std::string detail;
};

template <typename T>
struct Outcome {
  std::optional<T> value;
  Refusal refusal;
  // The value is moved (or copied) once, straight into place: results cross
  // several layers on every request, and each extra move is code on that path.
  template <typename U = T>
  static Outcome ok(U&& v) {
    return Outcome{std::optional<T>(std::in_place, std::forward<U>(v)), {}};
  }
  static Outcome refused(Refusal r) { return Outcome{std::nullopt, std::move(r)}; }
  explicit operator bool() const { return value.has_value(); }
};
struct Done {};

// A user as the login endpoint found it.
struct UserRecord {
  std::string name;
  std::int64_t token_version = 0;
  std::int64_t revocations = 0;  // revoking account events so far; the login reads it again after issuing
};

// Where a population is written, before the servers start (blocking): the
// primaries, and the time its lifetimes count from.
struct PopulationStores {
  store::RedisBulkWriter& redis;
  store::BlockingPg& pg;
  std::int64_t now = 0;  // seconds since the epoch
};

// What a strategy kept of a population: a strategy that stores nothing per
// session keeps no live session, one that deletes what it revokes keeps no
// revocation (and says so, instead of pretending to be measured full).
struct PopulationKept {
  long long live_sessions = 0;
  long long prior_revocations = 0;
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  virtual std::string_view name() const = 0;
  virtual std::vector<PromiseFor> promises() const = 0;
  // PostgreSQL statements the strategy runs; every connection prepares them.
  virtual std::vector<store::PreparedStatement> statements() const { return {}; }

  // Tokens for a fresh login on one device; `sid` names the session.
  virtual boost::asio::awaitable<Outcome<TokenPair>> issue(Context& ctx, const UserRecord& user, std::string sid) = 0;
  virtual boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view access_token) = 0;
  // A strategy whose verify never waits (no store on the request's path)
  // says so, and answers the same verdict synchronously too: the endpoints
  // then spare every request a coroutine frame and the moves of its result.
  virtual bool verifies_in_process() const { return false; }
  virtual Outcome<Principal> verify_in_process(Context& ctx, std::string_view access_token);
  virtual boost::asio::awaitable<Outcome<TokenPair>> refresh(Context& ctx, std::string_view refresh_token) = 0;
  // Ends the caller's session on this device.
  virtual boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) = 0;
  // Ends every session of the user: logout-all, password change (`keep` is
  // the caller's sid, for strategies that can spare it) and ban.
  virtual boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                             std::optional<std::string> keep) = 0;
  virtual boost::asio::awaitable<Outcome<Done>> rotate_secret(Context& ctx) = 0;
  // The keys tokens are verified with now: what a JWKS endpoint publishes
  // (their public halves) when the algorithm is asymmetric.
  virtual std::vector<jwt::Key> verifying_keys(double now) const = 0;

  // How long a superseded refresh token still refreshes (the window a racing
  // tab, and a thief, gets): "none", "10 s", ...; empty without refresh tokens.
  virtual std::string refresh_window() const { return {}; }

  // Strategies that hold revocations in this process's memory start following
  // the store here; the server calls it once, before it serves. False when
  // the memory could not catch up within `wait`.
  virtual bool follow(const std::string& /*redis_url*/, std::chrono::milliseconds /*wait*/) { return true; }

  // A production's state before the run, in this strategy's own layout:
  // `population`'s live sessions and prior revocations (their holders are
  // population.holder(i); the bystanders' rows exist already). Blocking,
  // before any server starts. Throws what a store refused.
  virtual PopulationKept populate(const contract::Population& /*population*/, PopulationStores& /*stores*/) const {
    return {};
  }
  // The name of the stores' layout it keeps its state in: variants of one
  // strategy (the refresh-race policies, hybrid-freshness at any N) share it,
  // and so share one population on the same stores instead of piling up theirs.
  virtual std::string_view state_layout() const { return name(); }
};

}  // namespace revbench::strategies

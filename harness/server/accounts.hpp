#pragma once
// The accounts behind the contract: users, their passwords (PBKDF2, on the
// hashing pool, never on an io thread), bans and one-time password-reset
// tokens. The router (endpoints) turns what these answer into HTTP; nothing
// here knows a status code. A refusal carries the contract's reason
// (bad_credentials, banned, unknown_user, revoked, expired, malformed, ...)
// or, when PostgreSQL failed, `unavailable` with the store's message, which
// is for the logs.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "harness/server/server_config.hpp"
#include "harness/store/op_counters.hpp"
#include "harness/store/pg_config.hpp"
#include "strategies/strategy.hpp"

namespace revbench::store {
class PgClient;
}

namespace revbench::server {

// Why `name` cannot name an account, or nullopt: empty, longer than 256
// bytes, or holding a control character (NUL among them: PostgreSQL's text
// would end there, while a token would carry the whole string).
std::optional<std::string> user_name_problem(std::string_view name);

// A revoking account change that has committed, with the revocation it owes
// the strategy still to land: the row in pending_revocations that stands for
// it until it has (see pending_revocations.hpp).
struct CommittedRevocation {
  std::string user;
  std::string pending_id;
};

// The PostgreSQL statements the accounts run; every connection prepares them.
std::vector<store::PreparedStatement> account_statements();

class Accounts {
 public:
  template <typename T>
  using Outcome = strategies::Outcome<T>;
  using Done = strategies::Done;

  // `hashing` runs password hashing off the io threads.
  Accounts(const ServerConfig& config, boost::asio::any_io_executor hashing);

  // The user whose password this is: bad_credentials (an unknown user costs
  // the same hashing, so timing does not say who exists) or banned.
  boost::asio::awaitable<Outcome<strategies::UserRecord>> check_login(store::PgClient& pg, store::OpTally& tally,
                                                                      std::string user, std::string password);
  // Whether a login's check still holds once its tokens are minted: `revoked`
  // when a ban, password change, reset or logout-all committed since (the
  // count of its revocations moved), so the login hands out nothing the revocation missed.
  boost::asio::awaitable<Outcome<Done>> still_current(store::PgClient& pg, store::OpTally& tally,
                                                      const strategies::UserRecord& checked);
  // Logout-all's part: counts a revocation of the user, so logins checked before it are refused.
  boost::asio::awaitable<Outcome<CommittedRevocation>> end_sessions(store::PgClient& pg, store::OpTally& tally,
                                                                    std::string user);
  // bad_credentials when `old_password` is not the user's; the revocation spares `keep_sid`.
  boost::asio::awaitable<Outcome<CommittedRevocation>> change_password(store::PgClient& pg, store::OpTally& tally,
                                                                       std::string user, std::string old_password,
                                                                       std::string new_password, std::string keep_sid);
  // unknown_user when there is none by that name.
  boost::asio::awaitable<Outcome<CommittedRevocation>> ban(store::PgClient& pg, store::OpTally& tally, std::string user);
  boost::asio::awaitable<Outcome<Done>> unban(store::PgClient& pg, store::OpTally& tally, std::string user);
  // A one-time token that resets the user's password, valid until the
  // password changes or it expires; unknown_user when there is none.
  boost::asio::awaitable<Outcome<std::string>> issue_reset_token(store::PgClient& pg, store::OpTally& tally,
                                                                 std::string user, double now);
  static constexpr std::int64_t reset_token_lifetime = 900;  // seconds
  // Spends a reset token on a new password; the user it reset. A token used
  // (or superseded by a password change) is `revoked`.
  boost::asio::awaitable<Outcome<CommittedRevocation>> redeem_reset_token(store::PgClient& pg, store::OpTally& tally,
                                                                          std::string token, std::string new_password,
                                                                          double now);
  // The user's row, as an app that reads it on every request would.
  boost::asio::awaitable<Outcome<Done>> load_row(store::PgClient& pg, store::OpTally& tally, std::string user);

 private:
  // A place among the requests that hash a password, held until it is
  // destroyed; empty when hashing_queue of them are there already.
  class HashingPlace {
   public:
    explicit HashingPlace(std::atomic<int>* taken) : taken_(taken) {}
    HashingPlace(HashingPlace&& other) noexcept : taken_(std::exchange(other.taken_, nullptr)) {}
    HashingPlace& operator=(HashingPlace&&) = delete;
    ~HashingPlace() {
      if (taken_ != nullptr) taken_->fetch_sub(1, std::memory_order_relaxed);
    }
    explicit operator bool() const { return taken_ != nullptr; }

   private:
    std::atomic<int>* taken_;
  };
  HashingPlace hashing_place();

  boost::asio::awaitable<bool> password_ok(std::string password, std::string stored);
  boost::asio::awaitable<std::string> new_password_hash(std::string password);

  const ServerConfig& config_;
  boost::asio::any_io_executor hashing_;
  std::string reset_secret_;  // keys reset tokens, with each user's password hash
  std::string decoy_hash_;    // checked for unknown users, so timing does not reveal who exists
  std::atomic<int> hashing_places_taken_{0};
};

}  // namespace revbench::server

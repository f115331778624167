#include "harness/server/accounts.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include "harness/contract/json_member.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/jwt/key_derivation.hpp"
#include "harness/jwt/random_bytes.hpp"
#include "harness/jwt/unverified_subject.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/store/pg_client.hpp"

namespace revbench::server {
namespace asio = boost::asio;
using contract::Reason;
using strategies::Refusal;

namespace {

Refusal refusal(Reason reason, std::string detail = {}) { return {Refusal::Kind::unauthorized, reason, std::move(detail)}; }
Refusal store_down(const store::StoreError& e) { return {Refusal::Kind::unavailable, Reason::store_unavailable, e.message}; }
Refusal overloaded() { return {Refusal::Kind::unavailable, Reason::overloaded, "too many password checks waiting"}; }

// Reset tokens are signed with a key derived from the user's current password
// hash: once the password changes, every earlier reset token stops verifying.
jwt::KeyRing reset_ring(const std::string& secret, std::string_view password_hash) {
  std::string key(EVP_MAX_MD_SIZE, '\0');
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(password_hash.data()), password_hash.size(),
       reinterpret_cast<unsigned char*>(key.data()), &len);
  key.resize(len);
  jwt::KeyRing ring;
  ring.add(jwt::Key::hmac("reset", std::move(key)));
  return ring;
}

// The account change `update` (an UPDATE of users) with the pending
// revocation it owes: one row of the pending revocation's id, or none when
// the update matched no user.
std::string owing(const std::string& update, const std::string& keep_sid = "NULL") {
  return "WITH changed AS (" + update + " RETURNING name) INSERT INTO pending_revocations (user_name, keep_sid) "
         "SELECT name, " + keep_sid + "::text FROM changed RETURNING id";
}

// The revocation an account change owes, or the refusal when it matched nobody.
Accounts::Outcome<CommittedRevocation> owed(const store::PgResult& changed, const std::string& user, Refusal nobody) {
  if (changed.rows() != 1) return Accounts::Outcome<CommittedRevocation>::refused(std::move(nobody));
  return Accounts::Outcome<CommittedRevocation>::ok(CommittedRevocation{user, std::string(changed.get(0, 0))});
}

}  // namespace

std::optional<std::string> user_name_problem(std::string_view name) {
  constexpr std::size_t longest = 256;
  if (name.empty()) return "the user name is empty";
  if (name.size() > longest) return "the user name is longer than " + std::to_string(longest) + " bytes";
  for (const unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "the user name holds a control character";
  return std::nullopt;
}

std::vector<store::PreparedStatement> account_statements() {
  return {
      {"u_login", "SELECT password_hash, banned, token_version, revocations, name FROM users WHERE name = $1"},
      // Every revoking change counts itself, and records the revocation it
      // owes, in the same statement: a login that read the row before it sees
      // the count moved when it looks again, and the change never commits
      // without its pending revocation (harness/server/pending_revocations).
      {"u_set_password", owing("UPDATE users SET password_hash = $2, revocations = revocations + 1 WHERE name = $1", "$3")},
      // Conditional on the hash the reset token was keyed with: of two
      // concurrent resets with one token, exactly one finds it still there.
      {"u_reset_password",
       owing("UPDATE users SET password_hash = $3, revocations = revocations + 1 WHERE name = $1 AND password_hash = $2")},
      {"u_ban", owing("UPDATE users SET banned = true, revocations = revocations + 1 WHERE name = $1")},
      {"u_unban", "UPDATE users SET banned = false WHERE name = $1"},
      {"u_end_sessions", owing("UPDATE users SET revocations = revocations + 1 WHERE name = $1")},
      {"u_revocations", "SELECT revocations FROM users WHERE name = $1"},
      {"u_row", "SELECT id, name, token_version, banned, created_at FROM users WHERE name = $1"},
      {"u_ping", "SELECT 1"},
  };
}

Accounts::Accounts(const ServerConfig& config, asio::any_io_executor hashing)
    : config_(config),
      hashing_(std::move(hashing)),
      reset_secret_(config.shared_seed.empty() ? jwt::random_bytes(32)
                                               : jwt::derive_secret(config.shared_seed, "revbench reset tokens")),
      decoy_hash_(hash_password(jwt::random_id(), config.password_iterations)) {}

Accounts::HashingPlace Accounts::hashing_place() {
  if (hashing_places_taken_.fetch_add(1, std::memory_order_relaxed) >= config_.hashing_queue) {
    hashing_places_taken_.fetch_sub(1, std::memory_order_relaxed);
    return HashingPlace(nullptr);
  }
  return HashingPlace(&hashing_places_taken_);
}

asio::awaitable<bool> Accounts::password_ok(std::string password, std::string stored) {
  co_return co_await asio::co_spawn(
      hashing_, [&]() -> asio::awaitable<bool> { co_return password_matches(password, stored); }, asio::use_awaitable);
}

asio::awaitable<std::string> Accounts::new_password_hash(std::string password) {
  const int iterations = config_.password_iterations;
  co_return co_await asio::co_spawn(
      hashing_, [&]() -> asio::awaitable<std::string> { co_return hash_password(password, iterations); },
      asio::use_awaitable);
}

asio::awaitable<Accounts::Outcome<strategies::UserRecord>> Accounts::check_login(store::PgClient& pg, store::OpTally& tally,
                                                                                 std::string user, std::string password) {
  using Result = Outcome<strategies::UserRecord>;
  const auto place = hashing_place();
  if (!place) co_return Result::refused(overloaded());
  auto row = co_await pg.query(&tally, "u_login", user);
  if (!row) co_return Result::refused(store_down(row.error()));
  // Hash even for an unknown user, so the answer's timing does not tell which.
  const std::string stored = row->rows() == 1 ? std::string(row->get(0, 0)) : decoy_hash_;
  const bool matches = co_await password_ok(password, stored);
  if (row->rows() != 1 || !matches) co_return Result::refused(refusal(Reason::bad_credentials));
  if (row->get(0, 1) == "t") co_return Result::refused(refusal(Reason::banned));
  // The row's own name: the one the database matched is the one tokens carry.
  co_return Result::ok(strategies::UserRecord{std::string(row->get(0, 4)), std::stoll(std::string(row->get(0, 2))),
                                              std::stoll(std::string(row->get(0, 3)))});
}

asio::awaitable<Accounts::Outcome<Accounts::Done>> Accounts::still_current(store::PgClient& pg, store::OpTally& tally,
                                                                           const strategies::UserRecord& checked) {
  using Result = Outcome<Done>;
  auto row = co_await pg.query(&tally, "u_revocations", checked.name);
  if (!row) co_return Result::refused(store_down(row.error()));
  if (row->rows() != 1 || std::stoll(std::string(row->get(0, 0))) != checked.revocations)
    co_return Result::refused(refusal(Reason::revoked, "the account's sessions were ended while this login was checked"));
  co_return Result::ok(Done{});
}

asio::awaitable<Accounts::Outcome<CommittedRevocation>> Accounts::end_sessions(store::PgClient& pg,
                                                                                store::OpTally& tally, std::string user) {
  using Result = Outcome<CommittedRevocation>;
  auto updated = co_await pg.query(&tally, "u_end_sessions", user);
  if (!updated) co_return Result::refused(store_down(updated.error()));
  co_return owed(*updated, user, refusal(Reason::unknown_user));
}

asio::awaitable<Accounts::Outcome<CommittedRevocation>> Accounts::change_password(
    store::PgClient& pg, store::OpTally& tally, std::string user, std::string old_password, std::string new_password,
    std::string keep_sid) {
  using Result = Outcome<CommittedRevocation>;
  const auto place = hashing_place();
  if (!place) co_return Result::refused(overloaded());
  auto row = co_await pg.query(&tally, "u_login", user);
  if (!row) co_return Result::refused(store_down(row.error()));
  if (row->rows() != 1 || !co_await password_ok(old_password, std::string(row->get(0, 0))))
    co_return Result::refused(refusal(Reason::bad_credentials));
  const std::string hash = co_await new_password_hash(new_password);
  auto updated = co_await pg.query(&tally, "u_set_password", user, hash, keep_sid);
  if (!updated) co_return Result::refused(store_down(updated.error()));
  co_return owed(*updated, user, refusal(Reason::unknown_user));
}

asio::awaitable<Accounts::Outcome<CommittedRevocation>> Accounts::ban(store::PgClient& pg, store::OpTally& tally,
                                                                      std::string user) {
  using Result = Outcome<CommittedRevocation>;
  auto updated = co_await pg.query(&tally, "u_ban", user);
  if (!updated) co_return Result::refused(store_down(updated.error()));
  co_return owed(*updated, user, refusal(Reason::unknown_user));
}

asio::awaitable<Accounts::Outcome<Accounts::Done>> Accounts::unban(store::PgClient& pg, store::OpTally& tally,
                                                                   std::string user) {
  using Result = Outcome<Done>;
  auto updated = co_await pg.query(&tally, "u_unban", user);
  if (!updated) co_return Result::refused(store_down(updated.error()));
  if (updated->affected() == 0) co_return Result::refused(refusal(Reason::unknown_user));
  co_return Result::ok(Done{});
}

asio::awaitable<Accounts::Outcome<std::string>> Accounts::issue_reset_token(store::PgClient& pg, store::OpTally& tally,
                                                                            std::string user, double now) {
  using Result = Outcome<std::string>;
  auto row = co_await pg.query(&tally, "u_login", user);
  if (!row) co_return Result::refused(store_down(row.error()));
  if (row->rows() != 1) co_return Result::refused(refusal(Reason::unknown_user));
  const auto ring = reset_ring(reset_secret_, row->get(0, 0));
  const auto issued = static_cast<std::int64_t>(now);
  const boost::json::object claims{{"sub", user}, {"jti", jwt::random_id()}, {"iat", issued},
                                   {"exp", issued + reset_token_lifetime}, {"use", "reset"}};
  co_return Result::ok(jwt::sign(ring.current(), claims));
}

asio::awaitable<Accounts::Outcome<CommittedRevocation>> Accounts::redeem_reset_token(
    store::PgClient& pg, store::OpTally& tally, std::string token, std::string new_password, double now) {
  using Result = Outcome<CommittedRevocation>;
  const auto user = jwt::unverified_subject(token);
  if (!user) co_return Result::refused(refusal(Reason::malformed, "not a reset token"));
  const auto place = hashing_place();
  if (!place) co_return Result::refused(overloaded());
  auto row = co_await pg.query(&tally, "u_login", *user);
  if (!row) co_return Result::refused(store_down(row.error()));
  if (row->rows() != 1) co_return Result::refused(refusal(Reason::revoked, "unknown user"));
  const std::string old_hash(row->get(0, 0));
  auto verified = jwt::verify(token, reset_ring(reset_secret_, old_hash), {}, now);
  if (!verified) {
    // A valid signature under an earlier password hash is a used (or superseded) token.
    const auto reason = verified.error().reason == Reason::bad_signature ? Reason::revoked : verified.error().reason;
    co_return Result::refused(refusal(reason, verified.error().detail));
  }
  if (contract::string_member(verified->payload, "use") != "reset")
    co_return Result::refused(refusal(Reason::malformed, "not a reset token"));
  const std::string hash = co_await new_password_hash(new_password);
  auto updated = co_await pg.query(&tally, "u_reset_password", *user, old_hash, hash);
  if (!updated) co_return Result::refused(store_down(updated.error()));
  co_return owed(*updated, *user, refusal(Reason::revoked, "reset token already used"));
}

asio::awaitable<Accounts::Outcome<Accounts::Done>> Accounts::load_row(store::PgClient& pg, store::OpTally& tally,
                                                                      std::string user) {
  using Result = Outcome<Done>;
  auto row = co_await pg.query(&tally, "u_row", user);
  if (!row) co_return Result::refused(store_down(row.error()));
  co_return Result::ok(Done{});
}

}  // namespace revbench::server

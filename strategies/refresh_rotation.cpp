#include "strategies/refresh_rotation.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>

#include "harness/jwt/base64url.hpp"
#include "harness/store/pg_client.hpp"
#include "strategies/common/access_tokens.hpp"

namespace revbench::strategies {
namespace {

std::string new_refresh_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), bytes.size()) != 1) throw std::runtime_error("RAND_bytes failed");
  return jwt::base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// Only digests reach the database: a leaked table holds no usable token.
std::string digest(std::string_view token) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(token.data(), token.size(), md.data(), &len, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

class RefreshRotation final : public Strategy {
 public:
  explicit RefreshRotation(const StrategyOptions& o)
      : keys_(o.algorithm, ttl_of(o), o.signing_seed),
        tokens_(keys_, ttl_of(o)),
        refresh_ttl_(std::to_string(o.refresh_ttl.count())),
        grace_(o.refresh_grace) {}

  std::string_view name() const override { return "refresh-rotation"; }

  std::vector<PromiseFor> promises() const override {
    const std::string ttl = "the access TTL (" + std::to_string(tokens_.ttl().count()) + " s)";
    const std::string grace =
        grace_.count() == 0 ? std::string() : " (a predecessor within the " + std::to_string(grace_.count()) + " s grace window still refreshes)";
    return {
        {Event::logout, Promise::after_access_ttl, "the refresh family is revoked at once; the access token works for " + ttl},
        {Event::logout_all, Promise::after_access_ttl, "every family is revoked; access tokens work for " + ttl},
        {Event::password_change, Promise::after_access_ttl,
         "every other family is revoked (the caller's session survives); access tokens work for " + ttl},
        {Event::ban, Promise::after_access_ttl, "every family is revoked, logins refused; access tokens work for " + ttl},
        {Event::stolen_access_token, Promise::after_access_ttl, "access tokens are not checked against state: " + ttl},
        {Event::stolen_refresh_thief_first, Promise::after_access_ttl,
         "the victim's next refresh is reuse: the family (the thief's included) is revoked; the thief's access token "
         "works for " + ttl + grace},
        {Event::stolen_refresh_victim_first, Promise::immediate,
         "the thief's refresh is reuse: refused and the family revoked (the victim logs in again)" + grace},
        {Event::secret_rotation, Promise::after_access_ttl, "the old key verifies until its tokens expire"},
        {Event::reset_token_replay, Promise::immediate, "reset tokens are single use (signed with the password hash)"},
    };
  }

  std::vector<store::PreparedStatement> statements() const override {
    return {
        {"rr_create",
         "WITH f AS (INSERT INTO refresh_families (user_name, sid) VALUES ($1, $2) RETURNING id) "
         "INSERT INTO refresh_tokens (token_hash, family_id, current, expires_at) "
         "SELECT $3, id, true, now() + make_interval(secs => $4::int) FROM f"},
        // The whole rotation is this one statement: the row lock makes a
        // concurrent second rotation of the same token find it no longer current.
        {"rr_rotate",
         "WITH old AS (UPDATE refresh_tokens t SET current = false, superseded_at = now() FROM refresh_families f "
         "WHERE t.token_hash = $1 AND t.current AND t.expires_at > now() AND f.id = t.family_id AND NOT f.revoked "
         "RETURNING t.family_id, f.user_name, f.sid) "
         "INSERT INTO refresh_tokens (token_hash, family_id, parent_hash, current, expires_at) "
         "SELECT $2, family_id, $1, true, now() + make_interval(secs => $3::int) FROM old "
         "RETURNING (SELECT user_name FROM old), (SELECT sid FROM old)"},
        {"rr_grace",
         "WITH sup AS (UPDATE refresh_tokens c SET current = false, superseded_at = now() "
         "FROM refresh_tokens p, refresh_families f "
         "WHERE p.token_hash = $1 AND NOT p.current AND p.superseded_at > now() - make_interval(secs => $4::int) "
         "AND c.parent_hash = p.token_hash AND c.current AND f.id = c.family_id AND NOT f.revoked "
         "RETURNING c.family_id, f.user_name, f.sid) "
         "INSERT INTO refresh_tokens (token_hash, family_id, parent_hash, current, expires_at) "
         "SELECT $2, family_id, $1, true, now() + make_interval(secs => $3::int) FROM sup "
         "RETURNING (SELECT user_name FROM sup), (SELECT sid FROM sup)"},
        {"rr_classify",
         "SELECT t.family_id, t.current, f.revoked, t.expires_at <= now() FROM refresh_tokens t "
         "JOIN refresh_families f ON f.id = t.family_id WHERE t.token_hash = $1"},
        {"rr_revoke_family", "UPDATE refresh_families SET revoked = true WHERE id = $1"},
        {"rr_logout", "UPDATE refresh_families SET revoked = true WHERE sid = $1"},
        {"rr_end_sessions",
         "UPDATE refresh_families SET revoked = true WHERE user_name = $1 AND ($2::text IS NULL OR sid <> $2)"},
    };
  }

  boost::asio::awaitable<Outcome<TokenPair>> issue(Context& ctx, const UserRecord& user, std::string sid) override {
    const std::string refresh = new_refresh_token();
    auto created = co_await ctx.pg.query(&ctx.tally, "rr_create", user.name, sid, digest(refresh), refresh_ttl_);
    if (!created) co_return Outcome<TokenPair>::refused(store_unavailable(created.error().message));
    co_return Outcome<TokenPair>::ok(
        TokenPair{tokens_.mint(user.name, sid, ctx.now, std::nullopt), refresh, tokens_.ttl().count()});
  }

  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    auto claims = tokens_.check(token, ctx.now);
    if (!claims) co_return Outcome<Principal>::refused(claims.refusal);
    co_return Outcome<Principal>::ok(principal_of(*claims.value));
  }

  boost::asio::awaitable<Outcome<TokenPair>> refresh(Context& ctx, std::string_view presented) override {
    const std::string old_hash = digest(presented);
    const std::string next = new_refresh_token();
    const std::string next_hash = digest(next);
    auto rotated = co_await ctx.pg.query(&ctx.tally, "rr_rotate", old_hash, next_hash, refresh_ttl_);
    if (!rotated) co_return Outcome<TokenPair>::refused(store_unavailable(rotated.error().message));
    if (rotated->rows() == 0 && grace_.count() > 0) {
      rotated = co_await ctx.pg.query(&ctx.tally, "rr_grace", old_hash, next_hash, refresh_ttl_,
                                      std::to_string(grace_.count()));
      if (!rotated) co_return Outcome<TokenPair>::refused(store_unavailable(rotated.error().message));
    }
    if (rotated->rows() == 1) {
      const std::string user(rotated->get(0, 0));
      const std::string sid(rotated->get(0, 1));
      co_return Outcome<TokenPair>::ok(TokenPair{tokens_.mint(user, sid, ctx.now, std::nullopt), next,
                                                 tokens_.ttl().count()});
    }
    co_return co_await refuse(ctx, old_hash);
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    auto result = co_await ctx.pg.query(&ctx.tally, "rr_logout", who.sid);
    if (!result) co_return Outcome<Done>::refused(store_unavailable(result.error().message));
    co_return Outcome<Done>::ok({});
  }

  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string> keep) override {
    const store::PgParam spare = keep ? store::PgParam(*keep) : std::nullopt;
    auto result = co_await ctx.pg.query(&ctx.tally, "rr_end_sessions", user, spare);
    if (!result) co_return Outcome<Done>::refused(store_unavailable(result.error().message));
    co_return Outcome<Done>::ok({});
  }

  boost::asio::awaitable<Outcome<Done>> rotate_secret(Context& ctx) override {
    keys_.rotate(ctx.now);
    co_return Outcome<Done>::ok({});
  }

  std::vector<jwt::Key> verifying_keys(double now) const override { return keys_.verifying_keys(now); }

 private:
  static std::chrono::seconds ttl_of(const StrategyOptions& o) {
    return o.access_ttl.count() ? o.access_ttl : std::chrono::seconds(300);
  }

  // The rotation found nothing to rotate: say why, and treat a superseded token as theft.
  boost::asio::awaitable<Outcome<TokenPair>> refuse(Context& ctx, const std::string& hash) {
    auto found = co_await ctx.pg.query(&ctx.tally, "rr_classify", hash);
    if (!found) co_return Outcome<TokenPair>::refused(store_unavailable(found.error().message));
    auto refusal = [](std::string reason, std::string detail) {
      return Outcome<TokenPair>::refused({Refusal::Kind::unauthorized, std::move(reason), std::move(detail)});
    };
    if (found->rows() == 0) co_return refusal("unknown", "no such refresh token");
    if (found->get(0, 2) == "t") co_return refusal("revoked", "the session was ended");
    if (found->get(0, 3) == "t") co_return refusal("expired", "refresh token expired");
    if (found->get(0, 1) == "t") co_return refusal("unknown", "refresh token could not be rotated");
    const std::string family(found->get(0, 0));
    auto revoked_family = co_await ctx.pg.query(&ctx.tally, "rr_revoke_family", family);
    if (!revoked_family) co_return Outcome<TokenPair>::refused(store_unavailable(revoked_family.error().message));
    co_return refusal("reuse_detected", "a superseded refresh token was presented: the session is revoked");
  }

  SigningKeys keys_;
  AccessTokens tokens_;
  std::string refresh_ttl_;
  std::chrono::seconds grace_;
};

}  // namespace

std::unique_ptr<Strategy> make_refresh_rotation(const StrategyOptions& options) {
  return std::make_unique<RefreshRotation>(options);
}

}  // namespace revbench::strategies

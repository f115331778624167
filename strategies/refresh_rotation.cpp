#include "strategies/refresh_rotation.hpp"

#include <openssl/evp.h>

#include <array>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/hmac_sha256.hpp"
#include "harness/jwt/key_derivation.hpp"
#include "harness/jwt/random_bytes.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/store/blocking_pg.hpp"
#include "harness/store/pg_client.hpp"
#include "strategies/common/access_tokens.hpp"
#include "strategies/common/key_ring_feed.hpp"

namespace revbench::strategies {
namespace {

std::string new_refresh_token() {
  return jwt::random_text(32);
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

// The key replayed children are derived with: shared by a fleet (a seed), else this process's own.
std::string child_key(const std::string& seed) {
  if (!seed.empty()) return jwt::derive_secret(seed, "revbench refresh child");
  return jwt::random_bytes(32);
}

// A family that still refreshes: not revoked, and its user not banned (a ban
// whose revocation of the families failed still stops every refresh).
const std::string live_family =
    "NOT f.revoked AND NOT EXISTS (SELECT 1 FROM users u WHERE u.name = f.user_name AND u.banned)";

// Long enough for tabs racing on one page load; shorter than the theft
// scenarios' give-up, so the thief is seen to be refused when it closes.
constexpr std::chrono::seconds default_window{2};


class RefreshRotation final : public Strategy {
 public:
  RefreshRotation(const StrategyOptions& o, RefreshPolicy policy)
      : keys_(o.algorithm, ttl_of(o), o.signing_seed),
        ring_(keys_),
        tokens_(keys_, ttl_of(o), o.clock_skew),
        refresh_ttl_(std::to_string(o.refresh_ttl.count())),
        policy_(policy),
        grace_(policy_ == RefreshPolicy::strict ? std::chrono::seconds(0)
               : o.refresh_grace.count() > 0    ? o.refresh_grace
                                                : default_window),
        window_(std::to_string(grace_.count())),
        children_(child_key(o.signing_seed)),
        name_(policy == RefreshPolicy::strict ? "refresh-rotation" : "refresh-rotation-" + std::string(to_string(policy))) {}

  std::string_view name() const override { return name_; }
  std::string_view state_layout() const override { return "refresh-rotation"; }

  std::string refresh_window() const override {
    if (policy_ == RefreshPolicy::strict) return "none";
    if (policy_ == RefreshPolicy::lazy) return "until the child's first use";
    return std::to_string(grace_.count()) + " s";
  }

  std::vector<PromiseFor> promises() const override {
    const std::string ttl = "the access TTL (" + std::to_string(tokens_.ttl().count()) + " s)";
    const std::string window = std::to_string(grace_.count()) + " s";
    const std::string grace = policy_ == RefreshPolicy::strict ? std::string()
                              : policy_ == RefreshPolicy::lazy
                                  ? " (the presented token stays current until its child is first used)"
                                  : " (a token superseded within the " + window +
                                        " window still refreshes: a predecessor, or a racing tab's token another tab replaced)";
    // Where a superseded token still refreshes, a thief who comes second gets a pair, not a refusal.
    PromiseFor victim_first{Event::stolen_refresh_victim_first, Promise::immediate,
                            "the thief's refresh is reuse: refused and the family revoked (the victim logs in again)"};
    // A thief who refreshes within the window holds a current token from then on: the session is
    // the thief's until the victim's next refresh, which is the reuse that revokes the family.
    if (policy_ == RefreshPolicy::grace || policy_ == RefreshPolicy::replay)
      victim_first = {Event::stolen_refresh_victim_first, Promise::not_revoked,
                      "a thief who refreshes within the " + window + " window" + grace +
                          " takes the session over until the victim's next refresh, which is reuse"};
    if (policy_ == RefreshPolicy::lazy)
      victim_first = {Event::stolen_refresh_victim_first, Promise::not_revoked,
                      "the stolen token stays current until the victim's child is first used: the thief refreshes "
                      "until then, and whichever branch is used second is reuse"};
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
        victim_first,
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
         "WHERE t.token_hash = $1 AND t.current AND t.expires_at > now() AND f.id = t.family_id AND " + live_family + " "
         "RETURNING t.family_id, f.user_name, f.sid) "
         "INSERT INTO refresh_tokens (token_hash, family_id, parent_hash, current, expires_at) "
         "SELECT $2, family_id, $1, true, now() + make_interval(secs => $3::int) FROM old "
         "RETURNING (SELECT user_name FROM old), (SELECT sid FROM old)"},
        // Grace: a token superseded within the window replaces its family's current token. The
        // family's, not its own child: a tab that won a race and was replaced by a sibling tab holds
        // a superseded token with no child, and its next refresh is no theft.
        {"rr_grace",
         "WITH sup AS (UPDATE refresh_tokens c SET current = false, superseded_at = now() "
         "FROM refresh_tokens p, refresh_families f "
         "WHERE p.token_hash = $1 AND NOT p.current AND p.superseded_at > now() - make_interval(secs => $4::int) "
         "AND c.family_id = p.family_id AND c.current AND f.id = c.family_id AND " + live_family + " "
         "RETURNING c.family_id, f.user_name, f.sid) "
         "INSERT INTO refresh_tokens (token_hash, family_id, parent_hash, current, expires_at) "
         "SELECT $2, family_id, $1, true, now() + make_interval(secs => $3::int) FROM sup "
         "RETURNING (SELECT user_name FROM sup), (SELECT sid FROM sup)"},
        // Grace lost a race for the token it targeted: has the family a current token to try again for?
        {"rr_grace_open",
         "SELECT 1 FROM refresh_tokens p JOIN refresh_tokens c ON c.family_id = p.family_id "
         "JOIN refresh_families f ON f.id = c.family_id WHERE p.token_hash = $1 AND NOT p.current "
         "AND p.superseded_at > now() - make_interval(secs => $2::int) AND c.current AND " + live_family + " LIMIT 1"},
        // Replay: the predecessor within the window gets its child again, while that child is current.
        {"rr_replay",
         "SELECT f.user_name, f.sid FROM refresh_tokens p JOIN refresh_tokens c ON c.parent_hash = p.token_hash "
         "JOIN refresh_families f ON f.id = c.family_id WHERE p.token_hash = $1 AND NOT p.current "
         "AND p.superseded_at > now() - make_interval(secs => $3::int) AND c.token_hash = $2 AND c.current "
         "AND " + live_family},
        // Lazy: refreshing the current token adds a pending child (not current, never superseded) and
        // leaves the token current.
        {"rr_lazy_child",
         "WITH cur AS (SELECT t.family_id, f.user_name, f.sid FROM refresh_tokens t JOIN refresh_families f "
         "ON f.id = t.family_id WHERE t.token_hash = $1 AND t.current AND t.expires_at > now() AND " + live_family + ") "
         "INSERT INTO refresh_tokens (token_hash, family_id, parent_hash, current, expires_at) "
         "SELECT $2, family_id, $1, false, now() + make_interval(secs => $3::int) FROM cur "
         "RETURNING (SELECT user_name FROM cur), (SELECT sid FROM cur)"},
        // Lazy: the first use of a pending child commits it: its parent is superseded (the row lock on
        // the parent lets one sibling win), its siblings die, and it gets a pending child of its own.
        {"rr_lazy_commit",
         "WITH old AS (UPDATE refresh_tokens p SET current = false, superseded_at = now() "
         "FROM refresh_tokens x, refresh_families f WHERE x.token_hash = $1 AND NOT x.current "
         "AND x.superseded_at IS NULL AND x.expires_at > now() AND p.token_hash = x.parent_hash AND p.current "
         "AND f.id = x.family_id AND " + live_family + " RETURNING p.token_hash AS parent, x.family_id, f.user_name, f.sid), "
         "promoted AS (UPDATE refresh_tokens x SET current = true FROM old WHERE x.token_hash = $1 RETURNING 1), "
         "siblings AS (UPDATE refresh_tokens s SET superseded_at = now() FROM old WHERE s.parent_hash = old.parent "
         "AND s.token_hash <> $1 AND NOT s.current AND s.superseded_at IS NULL RETURNING 1) "
         "INSERT INTO refresh_tokens (token_hash, family_id, parent_hash, current, expires_at) "
         "SELECT $2, family_id, $1, false, now() + make_interval(secs => $3::int) FROM old "
         "RETURNING (SELECT user_name FROM old), (SELECT sid FROM old)"},
        {"rr_classify",
         "SELECT t.family_id, t.current, f.revoked OR u.banned, t.expires_at <= now() FROM refresh_tokens t "
         "JOIN refresh_families f ON f.id = t.family_id JOIN users u ON u.name = f.user_name WHERE t.token_hash = $1"},
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

  // Access tokens are checked by signature and expiry alone; the store is for refresh.
  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    co_return verify_in_process(ctx, token);
  }
  bool verifies_in_process() const override { return true; }
  Outcome<Principal> verify_in_process(Context& ctx, std::string_view token) override {
    return tokens_.principal(token, ctx.now);
  }

  boost::asio::awaitable<Outcome<TokenPair>> refresh(Context& ctx, std::string_view presented) override {
    const std::string old_hash = digest(presented);
    // Replay answers a repeat with the same child, so the child is a function of its parent.
    const std::string next = policy_ == RefreshPolicy::replay ? derived_child(presented) : new_refresh_token();
    const std::string next_hash = digest(next);
    const char* first = policy_ == RefreshPolicy::lazy ? "rr_lazy_child" : "rr_rotate";
    auto rotated = co_await ctx.pg.query(&ctx.tally, first, old_hash, next_hash, refresh_ttl_);
    if (!rotated) co_return Outcome<TokenPair>::refused(store_unavailable(rotated.error().message));
    if (rotated->rows() == 0 && policy_ != RefreshPolicy::strict) {
      // Not current: the policy's second chance for a token that was.
      if (policy_ == RefreshPolicy::grace)
        rotated = co_await grace(ctx, old_hash, next_hash);
      else if (policy_ == RefreshPolicy::replay)
        rotated = co_await ctx.pg.query(&ctx.tally, "rr_replay", old_hash, next_hash, window_);
      else
        rotated = co_await ctx.pg.query(&ctx.tally, "rr_lazy_commit", old_hash, next_hash, refresh_ttl_);
      if (!rotated) co_return Outcome<TokenPair>::refused(store_unavailable(rotated.error().message));
      // Lazy: a sibling tab committed this very token a moment ago; it is current now.
      if (rotated->rows() == 0 && policy_ == RefreshPolicy::lazy) {
        rotated = co_await ctx.pg.query(&ctx.tally, "rr_lazy_child", old_hash, next_hash, refresh_ttl_);
        if (!rotated) co_return Outcome<TokenPair>::refused(store_unavailable(rotated.error().message));
      }
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

  bool follow(const std::string& redis_url, std::chrono::milliseconds wait) override {
    return ring_.follow(redis_url, wait);
  }
  boost::asio::awaitable<Outcome<Done>> rotate_secret(Context& ctx) override {
    co_return co_await ring_.rotate(ctx);
  }

  std::vector<jwt::Key> verifying_keys(double now) const override { return keys_.verifying_keys(now); }

  // Families the population's users hold: a live session's with its current
  // token, a prior revocation's revoked (rows stay, as reuse detection needs).
  // Streamed by COPY; the tokens follow in one statement, then the tables are
  // vacuumed and analysed, as a production's are (autovacuum would otherwise
  // read them during a run).
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    const long long families = population.live_sessions + population.prior_revocations;
    if (families == 0) return {};
    const long long first_new = stores.pg.scalar("SELECT coalesce(max(id), 0) FROM refresh_families") + 1;
    store::BlockingPg::CopyIn copy(stores.pg, "COPY refresh_families (user_name, sid, revoked) FROM STDIN");
    for (long long i = 0; i < families; ++i)
      copy.row({population.holder(i), jwt::random_id(), i < population.live_sessions ? "f" : "t"});
    copy.finish();
    stores.pg.execute(
        "INSERT INTO refresh_tokens (token_hash, family_id, current, expires_at) "
        "SELECT encode(sha256(convert_to(sid, 'UTF8')), 'hex'), id, true, "
        "now() + make_interval(secs => 1 + floor(random() * $2::int)::int) FROM refresh_families WHERE id >= $1",
        {std::to_string(first_new), refresh_ttl_});
    stores.pg.execute("VACUUM (ANALYZE) refresh_families, refresh_tokens");
    return {population.live_sessions, population.prior_revocations};
  }

 private:
  static std::chrono::seconds ttl_of(const StrategyOptions& o) {
    return o.access_ttl.count() ? o.access_ttl : std::chrono::seconds(300);
  }

  std::string derived_child(std::string_view parent) const {
    const auto mac = children_.mac(parent);
    return jwt::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  }

  // Grace for a token superseded within the window. Tabs that take this path
  // at once race for the family's one current token: the winner replaces it,
  // and each loser's statement, which saw the token it targeted vanish, sees
  // the winner's when run again. So a loser runs again while the family still
  // has a current token to replace; only a family with none is refused.
  boost::asio::awaitable<store::StoreResult<store::PgResult>> grace(Context& ctx, const std::string& old_hash,
                                                                    const std::string& next_hash) {
    constexpr int most_races = 64;  // tabs at once; the refresh step allows 64
    for (int attempt = 1;; ++attempt) {
      auto rotated = co_await ctx.pg.query(&ctx.tally, "rr_grace", old_hash, next_hash, refresh_ttl_, window_);
      if (!rotated || rotated->rows() == 1 || attempt == most_races) co_return std::move(rotated);
      auto open = co_await ctx.pg.query(&ctx.tally, "rr_grace_open", old_hash, window_);
      if (!open) co_return std::move(open);
      if (open->rows() == 0) co_return std::move(rotated);
    }
  }

  // The rotation found nothing to rotate: say why, and treat a superseded token as theft.
  boost::asio::awaitable<Outcome<TokenPair>> refuse(Context& ctx, const std::string& hash) {
    auto found = co_await ctx.pg.query(&ctx.tally, "rr_classify", hash);
    if (!found) co_return Outcome<TokenPair>::refused(store_unavailable(found.error().message));
    using contract::Reason;
    auto refusal = [](Reason reason, std::string detail) {
      return Outcome<TokenPair>::refused({Refusal::Kind::unauthorized, reason, std::move(detail)});
    };
    if (found->rows() == 0) co_return refusal(Reason::unknown, "no such refresh token");
    if (found->get(0, 2) == "t") co_return refusal(Reason::revoked, "the session was ended, or its user banned");
    if (found->get(0, 3) == "t") co_return refusal(Reason::expired, "refresh token expired");
    if (found->get(0, 1) == "t") co_return refusal(Reason::unknown, "refresh token could not be rotated");
    const std::string family(found->get(0, 0));
    auto revoked_family = co_await ctx.pg.query(&ctx.tally, "rr_revoke_family", family);
    if (!revoked_family) co_return Outcome<TokenPair>::refused(store_unavailable(revoked_family.error().message));
    co_return refusal(Reason::reuse_detected, "a superseded refresh token was presented: the session is revoked");
  }

  SigningKeys keys_;
  KeyRingFeed ring_;
  AccessTokens tokens_;
  std::string refresh_ttl_;
  RefreshPolicy policy_;
  std::chrono::seconds grace_;  // the window of grace and replay; 0 when strict
  std::string window_;
  jwt::HmacSha256 children_;
  std::string name_;
};

}  // namespace

std::string_view to_string(RefreshPolicy policy) {
  switch (policy) {
    case RefreshPolicy::strict: return "strict";
    case RefreshPolicy::grace: return "grace";
    case RefreshPolicy::replay: return "replay";
    case RefreshPolicy::lazy: return "lazy";
  }
  return "unknown";
}

std::unique_ptr<Strategy> make_refresh_rotation(const StrategyOptions& options) {
  return std::make_unique<RefreshRotation>(options, RefreshPolicy::strict);
}
std::unique_ptr<Strategy> make_refresh_rotation_grace(const StrategyOptions& options) {
  return std::make_unique<RefreshRotation>(options, RefreshPolicy::grace);
}
std::unique_ptr<Strategy> make_refresh_rotation_replay(const StrategyOptions& options) {
  return std::make_unique<RefreshRotation>(options, RefreshPolicy::replay);
}
std::unique_ptr<Strategy> make_refresh_rotation_lazy(const StrategyOptions& options) {
  return std::make_unique<RefreshRotation>(options, RefreshPolicy::lazy);
}

}  // namespace revbench::strategies

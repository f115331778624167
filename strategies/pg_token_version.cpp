#include "strategies/pg_token_version.hpp"

#include <charconv>

#include "harness/contract/seeded_users.hpp"
#include "harness/store/blocking_pg.hpp"
#include "harness/store/pg_client.hpp"
#include "strategies/common/access_token_strategy.hpp"
#include "strategies/common/replica_reads.hpp"

namespace revbench::strategies {
namespace {

class PgTokenVersion final : public AccessTokenStrategy {
 public:
  explicit PgTokenVersion(const StrategyOptions& o)
      : AccessTokenStrategy(ttl_or(o, std::chrono::seconds(900)), ttl_or(o, std::chrono::seconds(900)), o),
        reads_replica_(o.pg_reads_replica) {}

  std::string_view name() const override { return "pg-token-version"; }

  std::vector<PromiseFor> promises() const override {
    std::vector<PromiseFor> promises{
        {Event::logout, Promise::immediate, "the version bump logs out every device of the user"},
        {Event::logout_all, Promise::immediate, "version bump"},
        {Event::password_change, Promise::immediate, "version bump: every session ends, the caller's included"},
        {Event::ban, Promise::immediate, "version bump and the banned flag"},
        {Event::stolen_access_token, Promise::immediate, "the victim's logout bumps the version"},
    };
    if (reads_replica_) read_from_replica(promises, "a PostgreSQL standby");
    add_shared_promises(promises, true);
    return promises;
  }

  std::vector<store::PreparedStatement> statements() const override {
    return {{"tv_user_row", "SELECT token_version, banned, id, created_at FROM users WHERE name = $1"},
            {"tv_bump", "UPDATE users SET token_version = token_version + 1 WHERE name = $1"}};
  }

  boost::asio::awaitable<Outcome<Principal>> verify(Context& ctx, std::string_view token) override {
    auto claims = tokens_.check(token, ctx.now);
    if (!claims) co_return Outcome<Principal>::refused(claims.refusal);
    const auto& c = *claims.value;
    if (!c.ver) co_return Outcome<Principal>::refused({Refusal::Kind::unauthorized, contract::Reason::malformed, "no 'ver' claim"});
    auto row = co_await ctx.pg_reads().query(&ctx.tally, "tv_user_row", c.sub);
    if (!row) co_return Outcome<Principal>::refused(store_unavailable(row.error().message));
    if (row->rows() != 1) co_return Outcome<Principal>::refused(revoked("no such user"));
    std::int64_t version = 0;
    const auto text = row->get(0, 0);
    std::from_chars(text.data(), text.data() + text.size(), version);
    if (row->get(0, 1) == "t") co_return Outcome<Principal>::refused(revoked("user banned"));
    // Only a version behind the row's is revoked: one ahead was minted from a
    // newer row than a lagging standby has applied yet (a login right after
    // a bump), and refusing it would log out the user the bump spared.
    if (*c.ver < version) co_return Outcome<Principal>::refused(revoked("token version is behind"));
    auto principal = principal_of(std::move(*claims.value));
    principal.user_row_loaded = true;
    co_return Outcome<Principal>::ok(std::move(principal));
  }

  boost::asio::awaitable<Outcome<Done>> logout(Context& ctx, const Principal& who) override {
    co_return co_await bump(ctx, who.user);
  }
  boost::asio::awaitable<Outcome<Done>> end_sessions(Context& ctx, const std::string& user,
                                                     std::optional<std::string>) override {
    co_return co_await bump(ctx, user);
  }

 protected:
  std::optional<std::int64_t> version_claim(const UserRecord& user) const override { return user.token_version; }

  // A revocation is a bumped version in the user's row, a column every row
  // has: nothing is kept per revocation. The bumps' dead tuples are vacuumed
  // away, as a production's are.
  PopulationKept populate(const contract::Population& population, PopulationStores& stores) const override {
    if (population.prior_revocations == 0) return {};
    stores.pg.execute(
        "UPDATE users SET token_version = token_version + 1, revocations = revocations + 1 WHERE id IN "
        "(SELECT id FROM users WHERE name LIKE $2 ORDER BY id LIMIT $1)",
        {std::to_string(population.prior_revocations), std::string(contract::bystander_prefix) + "%"});
    stores.pg.execute("VACUUM (ANALYZE) users");
    return {};
  }

 private:
  boost::asio::awaitable<Outcome<Done>> bump(Context& ctx, const std::string& user) {
    auto result = co_await ctx.pg.query(&ctx.tally, "tv_bump", user);
    if (!result) co_return Outcome<Done>::refused(store_unavailable(result.error().message));
    co_return Outcome<Done>::ok({});
  }

  bool reads_replica_;
};

}  // namespace

std::unique_ptr<Strategy> make_pg_token_version(const StrategyOptions& options) {
  return std::make_unique<PgTokenVersion>(options);
}

}  // namespace revbench::strategies

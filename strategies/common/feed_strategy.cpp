#include "strategies/common/feed_strategy.hpp"

namespace revbench::strategies {

Outcome<Principal> FeedStrategy::judged(jwt::Claims&& claims, const TokenStanding& standing) const {
  if (auto refusal = refusal_for(claims, standing)) return Outcome<Principal>::refused(std::move(*refusal));
  auto accepted = Outcome<Principal>::ok(principal_of(std::move(claims)));
  accepted.value->failed_open = standing.from_stale_memory;
  return accepted;
}

Outcome<Principal> FeedStrategy::verify_in_process(Context& ctx, std::string_view token) {
  auto claims = tokens_.check(token, ctx.now);
  if (!claims) return Outcome<Principal>::refused(std::move(claims.refusal));
  return judged(std::move(*claims.value), feed_.remembered(claims.value->jti, claims.value->sub));
}

boost::asio::awaitable<Outcome<Principal>> FeedStrategy::verify(Context& ctx, std::string_view token) {
  auto claims = tokens_.check(token, ctx.now);
  if (!claims) co_return Outcome<Principal>::refused(std::move(claims.refusal));
  auto standing = co_await feed_.standing(ctx, claims.value->jti, claims.value->sub, fail_open_);
  if (!standing) co_return Outcome<Principal>::refused(std::move(standing.refusal));
  co_return judged(std::move(*claims.value), *standing.value);
}

}  // namespace revbench::strategies

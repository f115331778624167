#include "strategies/common/access_token_strategy.hpp"

namespace revbench::strategies {

boost::asio::awaitable<Outcome<TokenPair>> AccessTokenStrategy::issue(Context& ctx, const UserRecord& user,
                                                                      std::string sid) {
  co_return Outcome<TokenPair>::ok(
      TokenPair{tokens_.mint(user.name, sid, ctx.now, version_claim(user)), std::nullopt, tokens_.ttl().count()});
}

boost::asio::awaitable<Outcome<Principal>> AccessTokenStrategy::verify(Context& ctx, std::string_view token) {
  co_return verify_in_process(ctx, token);
}

Outcome<Principal> AccessTokenStrategy::verify_in_process(Context& ctx, std::string_view token) {
  return tokens_.principal(token, ctx.now);
}

boost::asio::awaitable<Outcome<TokenPair>> AccessTokenStrategy::refresh(Context&, std::string_view) {
  co_return Outcome<TokenPair>::refused(
      {Refusal::Kind::unauthorized, contract::Reason::unknown, std::string(name()) + " issues no refresh tokens"});
}

void AccessTokenStrategy::add_shared_promises(std::vector<PromiseFor>& promises, bool graceful_rotation) {
  promises.push_back({Event::stolen_refresh_thief_first, Promise::not_applicable, "no refresh tokens"});
  promises.push_back({Event::stolen_refresh_victim_first, Promise::not_applicable, "no refresh tokens"});
  if (graceful_rotation)
    promises.push_back({Event::secret_rotation, Promise::after_access_ttl, "the old key verifies until its tokens expire"});
  promises.push_back(
      {Event::reset_token_replay, Promise::immediate, "reset tokens are single use (signed with the password hash)"});
}

boost::asio::awaitable<Outcome<Done>> AccessTokenStrategy::rotate_secret(Context& ctx) {
  co_return co_await ring_.rotate(ctx);
}

}  // namespace revbench::strategies

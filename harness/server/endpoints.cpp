#include "harness/server/endpoints.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <boost/asio/this_coro.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <chrono>

#include "harness/contract/json_member.hpp"
#include "harness/jwt/base64url.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/jwk.hpp"
#include "harness/jwt/unverified_subject.hpp"
#include "harness/server/json_text.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/redis_client.hpp"

namespace revbench::server {
namespace asio = boost::asio;
namespace json = boost::json;
using contract::Reason;
using contract::string_member;
using strategies::Refusal;

namespace {

std::string sha256(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  EVP_Digest(text.data(), text.size(), md.data(), &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md.data()), len);
}

HttpResponse json_response(int status, const json::object& body) {
  return HttpResponse{status, json::serialize(body), "application/json", {}};
}

// An answer known without waiting, for the places that hand over an awaitable.
asio::awaitable<HttpResponse> ready(HttpResponse response) { co_return response; }

[[gnu::cold, gnu::noinline]] asio::awaitable<strategies::Outcome<strategies::Principal>> no_bearer_token() {
  co_return strategies::Outcome<strategies::Principal>::refused(
      {Refusal::Kind::unauthorized, Reason::malformed, "no bearer token"});
}

// Written straight into its text: it is every authenticated request's answer.
HttpResponse resource_response(const strategies::Principal& who) {
  HttpResponse response{200, json_object_of_strings({{"user", who.user}, {"sid", who.sid}}), "application/json", {}};
  if (!who.renewed_token.empty()) response.headers.emplace_back("Revbench-Renewed-Token", who.renewed_token);
  return response;
}

HttpResponse no_content() { return HttpResponse{204, {}, {}, {}}; }

HttpResponse error(int status, std::string_view code, Reason reason, std::string_view detail = {}) {
  json::object body{{"error", code}, {"reason", to_string(reason)}};
  if (!detail.empty()) body["detail"] = detail;
  auto response = json_response(status, body);
  response.reason = reason;
  if (status == 401 && code == "invalid_token")  // RFC 6750 §3
    response.headers.emplace_back("WWW-Authenticate",
                                  "Bearer error=\"invalid_token\", error_description=\"" + std::string(to_string(reason)) + "\"");
  return response;
}

HttpResponse refused(const Refusal& refusal, std::string_view code) {
  // A store's own words (its address, its error) are for the operator, not
  // for whoever asked: the body says which reason, and nothing of the store.
  if (refusal.kind == Refusal::Kind::unavailable) {
    auto response = error(503, "temporarily_unavailable", refusal.reason);
    if (refusal.reason == Reason::overloaded) response.headers.emplace_back("Retry-After", "1");  // RFC 9110 §10.2.3
    return response;
  }
  return error(401, code, refusal.reason, refusal.detail);
}

// Accounts refuse in the contract's reasons; those about a user nobody has are a 404.
HttpResponse account_refused(const Refusal& refusal, std::string_view code) {
  if (refusal.kind == Refusal::Kind::unauthorized && refusal.reason == Reason::unknown_user)
    return error(404, "not_found", refusal.reason);
  return refused(refusal, code);
}

// The request body as a JSON object, or nullopt (the caller answers 400).
std::optional<json::object> body_object(const HttpRequest& request) {
  boost::system::error_code ec;
  auto value = json::parse(request.body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

HttpResponse bad_request(std::string_view detail) { return error(400, "invalid_request", Reason::malformed, detail); }

// A user name from a request body, or the 400 that refuses it.
std::optional<HttpResponse> bad_user_name(std::string_view name) {
  if (auto problem = user_name_problem(name)) return error(400, "invalid_request", Reason::bad_user_name, *problem);
  return std::nullopt;
}

HttpResponse tokens(const strategies::TokenPair& pair) {
  json::object body{{"access_token", pair.access_token}, {"token_type", "Bearer"}, {"expires_in", pair.expires_in}};
  if (pair.refresh_token) body["refresh_token"] = *pair.refresh_token;
  return json_response(200, body);
}

std::optional<std::string_view> bearer(const HttpRequest& request) {
  constexpr std::string_view prefix = "Bearer ";
  std::string_view header = request.authorization;
  if (header.size() <= prefix.size() || header.substr(0, prefix.size()) != prefix) return std::nullopt;
  return header.substr(prefix.size());
}

bool is_admin(Endpoint endpoint) {
  return endpoint == Endpoint::ban || endpoint == Endpoint::unban || endpoint == Endpoint::rotate_secret;
}

}  // namespace

struct Endpoints::Call {
  const HttpRequest& request;
  WorkerStores stores;
  store::OpTally tally;
  strategies::Context ctx;
  bool failed_open = false;  // a token accepted unchecked because its store was down (--fail-open)

  // A revocation's time is taken once the account's change has committed,
  // not when the request arrived: a login checked before the commit is
  // refused by its second look at the account, and one that passed that look
  // minted its tokens before this time, so the revocation covers them.
  strategies::Context& revoking_now() {
    ctx.now = jwt::unix_now();
    return ctx;
  }
};

Endpoints::Endpoints(const ServerConfig& config, strategies::Strategy& strategy, Metrics& metrics,
                     asio::any_io_executor hashing)
    : config_(config),
      strategy_(strategy),
      metrics_(metrics),
      accounts_(config, std::move(hashing)),
      pending_(strategy, metrics),
      public_answer_(json::serialize(json::object{{"public", true}, {"strategy", strategy.name()}})) {
  if (!config_.admin_token.empty()) admin_digest_ = sha256(config_.admin_token);
}

asio::awaitable<HttpResponse> Endpoints::handle(const HttpRequest& request, WorkerStores stores) {
  const auto started = std::chrono::steady_clock::now();
  Call call{request, stores, {}, {stores.redis, stores.pg, call.tally, jwt::unix_now(), stores.redis_replica, stores.pg_replica}};
  const Endpoint endpoint = contract::endpoint_at(request.path);
  HttpResponse response = co_await dispatch(call, endpoint);
  response.headers.emplace_back("Revbench-Store-Ops", "redis=" + std::to_string(call.tally.redis) +
                                                          ", pg=" + std::to_string(call.tally.postgres));
  // Told apart from a check that passed: a thief let in by a store's outage is no lost revocation.
  if (call.failed_open) response.headers.emplace_back("Revbench-Failed-Open", "1");
  metrics_.observe(endpoint, response.status, std::chrono::steady_clock::now() - started, call.tally);
  if (response.reason) metrics_.rejected(*response.reason);
  co_return response;
}

// Not a coroutine: it hands over the endpoint's own coroutine, so a request
// pays for one frame fewer (and answers known at once come ready).
asio::awaitable<HttpResponse> Endpoints::dispatch(Call& call, Endpoint endpoint) {
  if (endpoint == Endpoint::other) return ready(error(404, "not_found", Reason::unknown_path));
  if (call.request.method != contract::method_of(endpoint))  // its code and its reason are one word
    return ready(error(405, to_string(Reason::method_not_allowed), Reason::method_not_allowed));
  if (is_admin(endpoint)) {
    if (!config_.admin_from_anywhere && !call.request.from_loopback)
      return ready(error(403, "forbidden", Reason::admin_from_loopback_only));
    const auto token = bearer(call.request);
    const std::string digest = token ? sha256(*token) : std::string();
    if (admin_digest_.empty() || digest.size() != admin_digest_.size() ||
        CRYPTO_memcmp(digest.data(), admin_digest_.data(), digest.size()) != 0)
      return ready(error(403, "forbidden", Reason::bad_admin_token));
  }
  switch (endpoint) {
    case Endpoint::login: return login(call);
    case Endpoint::refresh: return refresh(call);
    case Endpoint::logout: return logout(call, false);
    case Endpoint::logout_all: return logout(call, true);
    case Endpoint::password: return change_password(call);
    case Endpoint::resource: return resource(call);
    case Endpoint::ban: return ban(call, true);
    case Endpoint::unban: return ban(call, false);
    case Endpoint::rotate_secret: return rotate_secret(call);
    case Endpoint::reset_request: return reset_request(call);
    case Endpoint::reset: return reset(call);
    case Endpoint::public_resource:  // no token, no store: the baseline every strategy's cost is measured against
      return ready(HttpResponse{200, public_answer_, "application/json", {}});
    case Endpoint::jwks: return ready(jwks(call));
    case Endpoint::metrics: return ready(HttpResponse{200, metrics_.serialize(), "text/plain; version=0.0.4", {}});
    case Endpoint::healthz: return healthz(call);
    case Endpoint::other: break;
  }
  return ready(error(404, "not_found", Reason::unknown_path));
}

// Not a coroutine either: the strategy's verify is awaited by the endpoint itself.
asio::awaitable<strategies::Outcome<strategies::Principal>> Endpoints::authenticate(Call& call) {
  const auto token = bearer(call.request);
  if (!token) return no_bearer_token();
  return strategy_.verify(call.ctx, *token);
}

bool Endpoints::accepted(Call& call, strategies::Outcome<strategies::Principal>& who) {
  if (who) {
    if (!pending_.covers(who.value->user, who.value->sid, who.value->issued_us)) {
      if (who.value->failed_open) {
        metrics_.fail_open();
        call.failed_open = true;
      }
      return true;
    }
  } else if (who.refusal.kind != Refusal::Kind::unavailable || !pending_.owes_any()) {
    return false;
  } else {
    // The strategy's store is down, and this instance knows the answer
    // without it for a token its owed revocation covers: refused, not 503.
    // (Read unchecked: a forged token is refused either way.)
    const auto token = bearer(call.request);
    const auto claims = token ? jwt::unverified_claims(*token) : std::nullopt;
    if (!claims || !pending_.covers(claims->sub, claims->sid, claims->iat_us)) return false;
  }
  who = strategies::Outcome<strategies::Principal>::refused(
      {Refusal::Kind::unauthorized, Reason::revoked, "its revocation is owed and not landed yet"});
  return false;
}

asio::awaitable<HttpResponse> Endpoints::login(Call& call) {
  const auto body = body_object(call.request);
  const auto user = body ? string_member(*body, "user") : std::nullopt;
  const auto password = body ? string_member(*body, "password") : std::nullopt;
  if (!user || !password) co_return bad_request("expected {\"user\": string, \"password\": string}");
  if (auto refused_name = bad_user_name(*user)) co_return std::move(*refused_name);
  auto record = co_await accounts_.check_login(call.stores.pg, call.tally, *user, *password);
  if (!record) co_return refused(record.refusal, "invalid_grant");
  // Minted now, not when the request arrived: the password's hashing lies between.
  call.ctx.now = jwt::unix_now();
  auto issued = co_await strategy_.issue(call.ctx, *record.value, jwt::random_id());
  if (!issued) co_return refused(issued.refusal, "invalid_grant");
  // A revocation that committed while the password was checked never saw
  // this session: it is not handed out. One that commits later stamps its
  // time after this check, so it covers these tokens.
  auto current = co_await accounts_.still_current(call.stores.pg, call.tally, *record.value);
  if (!current) co_return refused(current.refusal, "invalid_grant");
  co_return tokens(*issued.value);
}

asio::awaitable<HttpResponse> Endpoints::refresh(Call& call) {
  const auto body = body_object(call.request);
  const auto token = body ? string_member(*body, "refresh_token") : std::nullopt;
  if (!token) co_return bad_request("expected {\"refresh_token\": string}");
  auto pair = co_await strategy_.refresh(call.ctx, *token);
  if (!pair) co_return refused(pair.refusal, "invalid_grant");
  co_return tokens(*pair.value);
}

asio::awaitable<HttpResponse> Endpoints::logout(Call& call, bool everywhere) {
  auto who = co_await authenticate(call);
  if (!accepted(call, who)) co_return refused(who.refusal, "invalid_token");
  // (if/else, not ?: : GCC 12 miscompiles co_await inside a conditional expression)
  if (everywhere) {
    auto counted = co_await accounts_.end_sessions(call.stores.pg, call.tally, who.value->user);
    if (!counted) co_return refused(counted.refusal, "invalid_token");
    co_return co_await revoke(call, *counted.value, std::nullopt, Endpoint::logout_all);
  }
  auto done = co_await strategy_.logout(call.ctx, *who.value);
  if (!done) co_return refused(done.refusal, "invalid_token");
  metrics_.revocation(Endpoint::logout);
  co_return no_content();
}

asio::awaitable<HttpResponse> Endpoints::change_password(Call& call) {
  auto who = co_await authenticate(call);
  if (!accepted(call, who)) co_return refused(who.refusal, "invalid_token");
  const auto body = body_object(call.request);
  const auto old_password = body ? string_member(*body, "old") : std::nullopt;
  const auto new_password = body ? string_member(*body, "new") : std::nullopt;
  if (!old_password || !new_password || new_password->empty())
    co_return bad_request("expected {\"old\": string, \"new\": non-empty string}");
  auto changed = co_await accounts_.change_password(call.stores.pg, call.tally, who.value->user, *old_password,
                                                    *new_password, who.value->sid);
  if (!changed) co_return refused(changed.refusal, "invalid_grant");
  co_return co_await revoke(call, *changed.value, who.value->sid, Endpoint::password);
}

asio::awaitable<HttpResponse> Endpoints::resource(Call& call) {
  const auto token = bearer(call.request);
  if (token && strategy_.verifies_in_process()) {
    // The verdict is made here, in this frame: no verify coroutine to await.
    auto who = strategy_.verify_in_process(call.ctx, *token);
    if (!accepted(call, who)) co_return refused(who.refusal, "invalid_token");
    if (config_.load_user_row) co_return co_await with_user_row(call, *who.value);
    co_return resource_response(*who.value);
  }
  auto who = co_await authenticate(call);
  if (!accepted(call, who)) co_return refused(who.refusal, "invalid_token");
  if (config_.load_user_row && !who.value->user_row_loaded) co_return co_await with_user_row(call, *who.value);
  co_return resource_response(*who.value);
}

// --load-user-row: what a real handler would read about its caller.
asio::awaitable<HttpResponse> Endpoints::with_user_row(Call& call, const strategies::Principal& who) {
  auto row = co_await accounts_.load_row(call.stores.pg, call.tally, who.user);
  if (!row) co_return refused(row.refusal, "invalid_token");
  co_return resource_response(who);
}

// RFC 7517 §5: the public keys that verify tokens now. HMAC secrets are
// never published, so an HS256 server answers an empty set.
HttpResponse Endpoints::jwks(Call& call) const {
  json::array keys;
  for (const auto& key : strategy_.verifying_keys(call.ctx.now))
    if (key.algorithm() != jwt::Algorithm::HS256) keys.push_back(jwt::public_jwk(key));
  return json_response(200, {{"keys", std::move(keys)}});
}

asio::awaitable<HttpResponse> Endpoints::ban(Call& call, bool banned) {
  const auto body = body_object(call.request);
  const auto user = body ? string_member(*body, "user") : std::nullopt;
  if (!user) co_return bad_request("expected {\"user\": string}");
  if (auto refused_name = bad_user_name(*user)) co_return std::move(*refused_name);
  if (!banned) {
    auto updated = co_await accounts_.unban(call.stores.pg, call.tally, *user);
    if (!updated) co_return account_refused(updated.refusal, "invalid_request");
    co_return no_content();
  }
  auto updated = co_await accounts_.ban(call.stores.pg, call.tally, *user);
  if (!updated) co_return account_refused(updated.refusal, "invalid_request");
  co_return co_await revoke(call, *updated.value, std::nullopt, Endpoint::ban);
}

asio::awaitable<HttpResponse> Endpoints::rotate_secret(Call& call) {
  auto done = co_await strategy_.rotate_secret(call.ctx);
  if (!done) co_return refused(done.refusal, "invalid_request");
  metrics_.revocation(Endpoint::rotate_secret);
  co_return no_content();
}

asio::awaitable<HttpResponse> Endpoints::reset_request(Call& call) {
  const auto body = body_object(call.request);
  const auto user = body ? string_member(*body, "user") : std::nullopt;
  if (!user) co_return bad_request("expected {\"user\": string}");
  if (auto refused_name = bad_user_name(*user)) co_return std::move(*refused_name);
  auto token = co_await accounts_.issue_reset_token(call.stores.pg, call.tally, *user, call.ctx.now);
  if (config_.reset_delivery == ResetDelivery::none) {
    // Known or not, the same answer: the caller learns nothing of who exists.
    if (!token && token.refusal.kind == Refusal::Kind::unavailable) co_return refused(token.refusal, "invalid_request");
    co_return json_response(202, {{"status", "accepted"}});
  }
  if (!token) co_return account_refused(token.refusal, "invalid_request");
  co_return json_response(200, {{"reset_token", *token.value}, {"expires_in", Accounts::reset_token_lifetime}});
}

asio::awaitable<HttpResponse> Endpoints::reset(Call& call) {
  const auto body = body_object(call.request);
  const auto token = body ? string_member(*body, "reset_token") : std::nullopt;
  const auto new_password = body ? string_member(*body, "new_password") : std::nullopt;
  if (!token || !new_password || new_password->empty())
    co_return bad_request("expected {\"reset_token\": string, \"new_password\": non-empty string}");
  auto reset = co_await accounts_.redeem_reset_token(call.stores.pg, call.tally, *token, *new_password, call.ctx.now);
  if (!reset) co_return refused(reset.refusal, "invalid_token");
  co_return co_await revoke(call, *reset.value, std::nullopt, Endpoint::reset);
}

asio::awaitable<HttpResponse> Endpoints::revoke(Call& call, const CommittedRevocation& change,
                                                std::optional<std::string> keep, Endpoint event) {
  PendingRevocation pending{change.pending_id, change.user, std::move(keep), call.revoking_now().now, event, false};
  if (co_await pending_.try_once(call.stores, call.tally, pending)) co_return no_content();
  // Landed, its row not yet cleared, or not landed: either way it is tried
  // again until done, and the caller hears whether its revocation holds yet.
  pending_.keep_trying(co_await asio::this_coro::executor, call.stores, pending);
  if (pending.landed) co_return no_content();
  co_return json_response(202, {{"status", "revocation_pending"},
                                {"detail", "the change is made; its revocation is retried until the store answers"}});
}

asio::awaitable<HttpResponse> Endpoints::healthz(Call& call) {
  auto redis = co_await call.stores.redis.execute(&call.tally, "PING");
  auto pg = co_await call.stores.pg.query(&call.tally, "u_ping");
  if (!redis) co_return error(503, "unhealthy", Reason::redis_unavailable);
  if (!pg) co_return error(503, "unhealthy", Reason::postgres_unavailable);
  co_return json_response(200, {{"status", "ok"}, {"strategy", strategy_.name()}});
}

}  // namespace revbench::server

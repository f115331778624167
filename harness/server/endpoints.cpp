#include "harness/server/endpoints.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <chrono>

#include "harness/jwt/base64url.hpp"
#include "harness/jwt/claims.hpp"
#include "harness/jwt/codec.hpp"
#include "harness/jwt/jwk.hpp"
#include "harness/jwt/key_derivation.hpp"
#include "harness/jwt/unverified_subject.hpp"
#include "harness/server/json_text.hpp"
#include "harness/server/password_hash.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/redis_client.hpp"

namespace revbench::server {
namespace asio = boost::asio;
namespace json = boost::json;
using strategies::Refusal;

namespace {

constexpr std::int64_t reset_token_ttl = 900;

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
      {Refusal::Kind::unauthorized, "malformed", "no bearer token"});
}

// Written straight into its text: it is every authenticated request's answer.
HttpResponse resource_response(const strategies::Principal& who) {
  HttpResponse response{200, json_object_of_strings({{"user", who.user}, {"sid", who.sid}}), "application/json", {}};
  if (!who.renewed_token.empty()) response.headers.emplace_back("Revbench-Renewed-Token", who.renewed_token);
  return response;
}

HttpResponse no_content() { return HttpResponse{204, {}, {}, {}}; }

HttpResponse error(int status, std::string_view code, std::string_view reason, std::string_view detail = {}) {
  json::object body{{"error", code}, {"reason", reason}};
  if (!detail.empty()) body["detail"] = detail;
  auto response = json_response(status, body);
  response.reason = reason;
  if (status == 401 && code == "invalid_token")  // RFC 6750 §3
    response.headers.emplace_back("WWW-Authenticate",
                                  "Bearer error=\"invalid_token\", error_description=\"" + std::string(reason) + "\"");
  return response;
}

HttpResponse refused(const Refusal& refusal, std::string_view code) {
  if (refusal.kind == Refusal::Kind::unavailable)
    return error(503, "temporarily_unavailable", refusal.reason, refusal.detail);
  return error(401, code, refusal.reason, refusal.detail);
}

HttpResponse store_down(const store::StoreError& e) {
  return error(503, "temporarily_unavailable", "store_unavailable", e.message);
}

// The request body as a JSON object, or nullopt (the caller answers 400).
std::optional<json::object> body_object(const HttpRequest& request) {
  boost::system::error_code ec;
  auto value = json::parse(request.body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::optional<std::string> string_field(const json::object& object, std::string_view name) {
  const auto* value = object.if_contains(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string(value->as_string());
}

HttpResponse bad_request(std::string_view detail) { return error(400, "invalid_request", "malformed", detail); }

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

}  // namespace

std::vector<store::PreparedStatement> endpoint_statements() {
  return {
      {"u_login", "SELECT password_hash, banned, token_version FROM users WHERE name = $1"},
      {"u_set_password", "UPDATE users SET password_hash = $2 WHERE name = $1"},
      // Conditional on the hash the reset token was keyed with: of two
      // concurrent resets with one token, exactly one finds it still there.
      {"u_reset_password", "UPDATE users SET password_hash = $3 WHERE name = $1 AND password_hash = $2"},
      {"u_set_banned", "UPDATE users SET banned = $2::boolean WHERE name = $1"},
      {"u_row", "SELECT id, name, token_version, banned, created_at FROM users WHERE name = $1"},
      {"u_ping", "SELECT 1"},
  };
}

struct Endpoints::Call {
  const HttpRequest& request;
  WorkerStores stores;
  store::OpTally tally;
  strategies::Context ctx;
};

Endpoints::Endpoints(const ServerConfig& config, strategies::Strategy& strategy, Metrics& metrics,
                     asio::any_io_executor hashing)
    : config_(config),
      strategy_(strategy),
      metrics_(metrics),
      hashing_(std::move(hashing)),
      public_answer_(json::serialize(json::object{{"public", true}, {"strategy", strategy.name()}})) {
  if (!config_.admin_token.empty()) admin_digest_ = sha256(config_.admin_token);
  reset_secret_.resize(32);
  if (!config_.shared_seed.empty())
    reset_secret_ = jwt::derive_secret(config_.shared_seed, "revbench reset tokens");
  else if (RAND_bytes(reinterpret_cast<unsigned char*>(reset_secret_.data()), 32) != 1)
    throw std::runtime_error("RAND_bytes failed");
  decoy_hash_ = hash_password(jwt::random_id(), config_.password_iterations);
}

asio::awaitable<HttpResponse> Endpoints::handle(const HttpRequest& request, WorkerStores stores) {
  const auto started = std::chrono::steady_clock::now();
  Call call{request, stores, {}, {stores.redis, stores.pg, call.tally, jwt::unix_now()}};
  const Endpoint endpoint = contract::endpoint_at(request.path);
  HttpResponse response = co_await dispatch(call, endpoint);
  response.headers.emplace_back("Revbench-Store-Ops", "redis=" + std::to_string(call.tally.redis) +
                                                          ", pg=" + std::to_string(call.tally.postgres));
  metrics_.observe(endpoint, response.status, std::chrono::steady_clock::now() - started, call.tally);
  if (!response.reason.empty()) metrics_.rejected(response.reason);
  co_return response;
}

// Not a coroutine: it hands over the endpoint's own coroutine, so a request
// pays for one frame fewer (and answers known at once come ready).
asio::awaitable<HttpResponse> Endpoints::dispatch(Call& call, Endpoint endpoint) {
  if (endpoint == Endpoint::other) return ready(error(404, "not_found", "unknown_path"));
  if (call.request.method != contract::method_of(endpoint))
    return ready(error(405, "method_not_allowed", "method_not_allowed"));
  if (is_admin(endpoint)) {
    if (!config_.admin_from_anywhere && !call.request.from_loopback)
      return ready(error(403, "forbidden", "admin_from_loopback_only"));
    const auto token = bearer(call.request);
    const std::string digest = token ? sha256(*token) : std::string();
    if (admin_digest_.empty() || digest.size() != admin_digest_.size() ||
        CRYPTO_memcmp(digest.data(), admin_digest_.data(), digest.size()) != 0)
      return ready(error(403, "forbidden", "bad_admin_token"));
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
  return ready(error(404, "not_found", "unknown_path"));
}

// Not a coroutine either: the strategy's verify is awaited by the endpoint itself.
asio::awaitable<strategies::Outcome<strategies::Principal>> Endpoints::authenticate(Call& call) {
  const auto token = bearer(call.request);
  if (!token) return no_bearer_token();
  return strategy_.verify(call.ctx, *token);
}

bool Endpoints::accepted(const strategies::Outcome<strategies::Principal>& who) {
  if (who && who.value->failed_open) metrics_.fail_open();
  return static_cast<bool>(who);
}

asio::awaitable<bool> Endpoints::password_ok(std::string password, std::string stored) {
  co_return co_await asio::co_spawn(
      hashing_, [&]() -> asio::awaitable<bool> { co_return password_matches(password, stored); }, asio::use_awaitable);
}

asio::awaitable<std::string> Endpoints::new_password_hash(std::string password) {
  const int iterations = config_.password_iterations;
  co_return co_await asio::co_spawn(
      hashing_, [&]() -> asio::awaitable<std::string> { co_return hash_password(password, iterations); },
      asio::use_awaitable);
}

asio::awaitable<HttpResponse> Endpoints::login(Call& call) {
  const auto body = body_object(call.request);
  const auto user = body ? string_field(*body, "user") : std::nullopt;
  const auto password = body ? string_field(*body, "password") : std::nullopt;
  if (!user || !password) co_return bad_request("expected {\"user\": string, \"password\": string}");
  auto row = co_await call.stores.pg.query(&call.tally, "u_login", *user);
  if (!row) co_return store_down(row.error());
  // Hash even for an unknown user, so the answer's timing does not tell which.
  const std::string stored = row->rows() == 1 ? std::string(row->get(0, 0)) : decoy_hash_;
  const bool matches = co_await password_ok(*password, stored);
  if (row->rows() != 1 || !matches) co_return error(401, "invalid_grant", "bad_credentials");
  if (row->get(0, 1) == "t") co_return error(401, "invalid_grant", "banned");
  strategies::UserRecord record{*user, std::stoll(std::string(row->get(0, 2)))};
  auto issued = co_await strategy_.issue(call.ctx, record, jwt::random_id());
  if (!issued) co_return refused(issued.refusal, "invalid_grant");
  co_return tokens(*issued.value);
}

asio::awaitable<HttpResponse> Endpoints::refresh(Call& call) {
  const auto body = body_object(call.request);
  const auto token = body ? string_field(*body, "refresh_token") : std::nullopt;
  if (!token) co_return bad_request("expected {\"refresh_token\": string}");
  auto pair = co_await strategy_.refresh(call.ctx, *token);
  if (!pair) co_return refused(pair.refusal, "invalid_grant");
  co_return tokens(*pair.value);
}

asio::awaitable<HttpResponse> Endpoints::logout(Call& call, bool everywhere) {
  auto who = co_await authenticate(call);
  if (!accepted(who)) co_return refused(who.refusal, "invalid_token");
  // (if/else, not ?: : GCC 12 miscompiles co_await inside a conditional expression)
  strategies::Outcome<strategies::Done> done;
  if (everywhere)
    done = co_await strategy_.end_sessions(call.ctx, who.value->user, std::nullopt);
  else
    done = co_await strategy_.logout(call.ctx, *who.value);
  if (!done) co_return refused(done.refusal, "invalid_token");
  metrics_.revocation(everywhere ? Endpoint::logout_all : Endpoint::logout);
  co_return no_content();
}

asio::awaitable<HttpResponse> Endpoints::change_password(Call& call) {
  auto who = co_await authenticate(call);
  if (!accepted(who)) co_return refused(who.refusal, "invalid_token");
  const auto body = body_object(call.request);
  const auto old_password = body ? string_field(*body, "old") : std::nullopt;
  const auto new_password = body ? string_field(*body, "new") : std::nullopt;
  if (!old_password || !new_password || new_password->empty())
    co_return bad_request("expected {\"old\": string, \"new\": non-empty string}");
  auto row = co_await call.stores.pg.query(&call.tally, "u_login", who.value->user);
  if (!row) co_return store_down(row.error());
  if (row->rows() != 1 || !co_await password_ok(*old_password, std::string(row->get(0, 0))))
    co_return error(401, "invalid_grant", "bad_credentials");
  const std::string hash = co_await new_password_hash(*new_password);
  auto updated = co_await call.stores.pg.query(&call.tally, "u_set_password", who.value->user, hash);
  if (!updated) co_return store_down(updated.error());
  auto done = co_await strategy_.end_sessions(call.ctx, who.value->user, who.value->sid);
  if (!done) co_return refused(done.refusal, "invalid_token");
  metrics_.revocation(Endpoint::password);
  co_return no_content();
}

asio::awaitable<HttpResponse> Endpoints::resource(Call& call) {
  const auto token = bearer(call.request);
  if (token && strategy_.verifies_in_process()) {
    // The verdict is made here, in this frame: no verify coroutine to await.
    const auto who = strategy_.verify_in_process(call.ctx, *token);
    if (!accepted(who)) co_return refused(who.refusal, "invalid_token");
    if (config_.load_user_row) co_return co_await with_user_row(call, *who.value);
    co_return resource_response(*who.value);
  }
  const auto who = co_await authenticate(call);
  if (!accepted(who)) co_return refused(who.refusal, "invalid_token");
  if (config_.load_user_row && !who.value->user_row_loaded) co_return co_await with_user_row(call, *who.value);
  co_return resource_response(*who.value);
}

// --load-user-row: what a real handler would read about its caller.
asio::awaitable<HttpResponse> Endpoints::with_user_row(Call& call, const strategies::Principal& who) {
  auto row = co_await call.stores.pg.query(&call.tally, "u_row", who.user);
  if (!row) co_return store_down(row.error());
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
  const auto user = body ? string_field(*body, "user") : std::nullopt;
  if (!user) co_return bad_request("expected {\"user\": string}");
  auto updated = co_await call.stores.pg.query(&call.tally, "u_set_banned", *user, banned ? "true" : "false");
  if (!updated) co_return store_down(updated.error());
  if (updated->affected() == 0) co_return error(404, "not_found", "unknown_user");
  if (banned) {
    auto done = co_await strategy_.end_sessions(call.ctx, *user, std::nullopt);
    if (!done) co_return refused(done.refusal, "invalid_request");
    metrics_.revocation(Endpoint::ban);
  }
  co_return no_content();
}

asio::awaitable<HttpResponse> Endpoints::rotate_secret(Call& call) {
  auto done = co_await strategy_.rotate_secret(call.ctx);
  if (!done) co_return refused(done.refusal, "invalid_request");
  metrics_.revocation(Endpoint::rotate_secret);
  co_return no_content();
}

asio::awaitable<HttpResponse> Endpoints::reset_request(Call& call) {
  const auto body = body_object(call.request);
  const auto user = body ? string_field(*body, "user") : std::nullopt;
  if (!user) co_return bad_request("expected {\"user\": string}");
  auto row = co_await call.stores.pg.query(&call.tally, "u_login", *user);
  if (!row) co_return store_down(row.error());
  if (row->rows() != 1) co_return error(404, "not_found", "unknown_user");
  const auto ring = reset_ring(reset_secret_, row->get(0, 0));
  const auto now = static_cast<std::int64_t>(call.ctx.now);
  const json::object claims{{"sub", *user}, {"jti", jwt::random_id()}, {"iat", now},
                            {"exp", now + reset_token_ttl}, {"use", "reset"}};
  // Returned in the response because the benchmark plays the mailbox too.
  co_return json_response(200, {{"reset_token", jwt::sign(ring.current(), claims)}, {"expires_in", reset_token_ttl}});
}

asio::awaitable<HttpResponse> Endpoints::reset(Call& call) {
  const auto body = body_object(call.request);
  const auto token = body ? string_field(*body, "reset_token") : std::nullopt;
  const auto new_password = body ? string_field(*body, "new_password") : std::nullopt;
  if (!token || !new_password || new_password->empty())
    co_return bad_request("expected {\"reset_token\": string, \"new_password\": non-empty string}");
  const auto user = jwt::unverified_subject(*token);
  if (!user) co_return error(401, "invalid_token", "malformed", "not a reset token");
  auto row = co_await call.stores.pg.query(&call.tally, "u_login", *user);
  if (!row) co_return store_down(row.error());
  if (row->rows() != 1) co_return error(401, "invalid_token", "revoked", "unknown user");
  const std::string old_hash(row->get(0, 0));
  auto verified = jwt::verify(*token, reset_ring(reset_secret_, old_hash), {}, call.ctx.now);
  if (!verified) {
    // A valid signature under an earlier password hash is a used (or superseded) token.
    const auto reason = verified.error().reason == jwt::Reason::bad_signature ? std::string("revoked")
                                                                               : std::string(jwt::to_string(verified.error().reason));
    co_return error(401, "invalid_token", reason, verified.error().detail);
  }
  const auto use = string_field(verified->payload, "use");
  if (use != "reset") co_return error(401, "invalid_token", "malformed", "not a reset token");
  const std::string hash = co_await new_password_hash(*new_password);
  auto updated = co_await call.stores.pg.query(&call.tally, "u_reset_password", *user, old_hash, hash);
  if (!updated) co_return store_down(updated.error());
  if (updated->affected() != 1) co_return error(401, "invalid_token", "revoked", "reset token already used");
  auto done = co_await strategy_.end_sessions(call.ctx, *user, std::nullopt);
  if (!done) co_return refused(done.refusal, "invalid_token");
  metrics_.revocation(Endpoint::reset);
  co_return no_content();
}

asio::awaitable<HttpResponse> Endpoints::healthz(Call& call) {
  auto redis = co_await call.stores.redis.execute(&call.tally, "PING");
  auto pg = co_await call.stores.pg.query(&call.tally, "u_ping");
  if (!redis) co_return error(503, "unhealthy", "redis_unavailable", redis.error().message);
  if (!pg) co_return error(503, "unhealthy", "postgres_unavailable", pg.error().message);
  co_return json_response(200, {{"status", "ok"}, {"strategy", strategy_.name()}});
}

}  // namespace revbench::server

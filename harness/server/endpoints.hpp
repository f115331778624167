#pragma once
// The HTTP contract of DESIGN.md: every endpoint, for whichever strategy runs.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <string>

#include "harness/server/accounts.hpp"
#include "harness/server/http_types.hpp"
#include "harness/server/metrics.hpp"
#include "harness/server/pending_revocations.hpp"
#include "harness/server/server_config.hpp"
#include "harness/server/worker_stores.hpp"
#include "strategies/strategy.hpp"

namespace revbench::server {

class Endpoints {
 public:
  // `hashing` runs password hashing off the io threads.
  Endpoints(const ServerConfig& config, strategies::Strategy& strategy, Metrics& metrics,
            boost::asio::any_io_executor hashing);

  boost::asio::awaitable<HttpResponse> handle(const HttpRequest& request, WorkerStores stores);
  PendingRevocations& pending_revocations() { return pending_; }

 private:
  struct Call;
  boost::asio::awaitable<HttpResponse> dispatch(Call& call, Endpoint endpoint);
  boost::asio::awaitable<HttpResponse> login(Call& call);
  boost::asio::awaitable<HttpResponse> refresh(Call& call);
  boost::asio::awaitable<HttpResponse> logout(Call& call, bool everywhere);
  boost::asio::awaitable<HttpResponse> change_password(Call& call);
  boost::asio::awaitable<HttpResponse> resource(Call& call);
  boost::asio::awaitable<HttpResponse> with_user_row(Call& call, const strategies::Principal& who);
  boost::asio::awaitable<HttpResponse> ban(Call& call, bool banned);
  boost::asio::awaitable<HttpResponse> rotate_secret(Call& call);
  boost::asio::awaitable<HttpResponse> reset_request(Call& call);
  boost::asio::awaitable<HttpResponse> reset(Call& call);
  boost::asio::awaitable<HttpResponse> healthz(Call& call);
  HttpResponse jwks(Call& call) const;
  // The strategy's part of a committed account change: 204 once it has
  // landed, 202 revocation_pending when its store is down (tried again until it lands).
  boost::asio::awaitable<HttpResponse> revoke(Call& call, const CommittedRevocation& change,
                                              std::optional<std::string> keep, Endpoint event);

  // The caller named by the bearer token, or why it is refused.
  boost::asio::awaitable<strategies::Outcome<strategies::Principal>> authenticate(Call& call);
  // Whether authenticate's outcome lets the request in (counting the fail-open ones).
  // The strategy's verdict, and this instance's own: a token a revocation it
  // owes covers is refused (and `who` says why), even while the store is down.
  bool accepted(Call& call, strategies::Outcome<strategies::Principal>& who);

  const ServerConfig& config_;
  strategies::Strategy& strategy_;
  Metrics& metrics_;
  Accounts accounts_;
  PendingRevocations pending_;
  std::string admin_digest_;  // SHA-256 of the admin token: compared in constant time, length hidden
  // /api/public's answer never changes: written once, as a real handler would
  // (the baseline strategies are measured against pays no JSON document either).
  std::string public_answer_;
};

}  // namespace revbench::server

#pragma once
#include <chrono>
#include <cstdint>
#include <string>

#include "harness/server/password_hash.hpp"

namespace revbench::server {

// Where /auth/reset-request's one-time token goes. `response`: back to the
// caller, the benchmark playing the user's mailbox (and telling who exists:
// an unknown user is a 404). `none`: nowhere a caller sees; every well-formed
// request, known user or not, gets the same 202, as a server that mails the
// token answers.
enum class ResetDelivery { none, response };

struct ServerConfig {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 0;  // 0: a free port, see HttpServer::port()
  int threads = 2;
  std::chrono::seconds read_timeout{30};  // a slow client cannot hold a connection longer
  std::size_t max_connections = 10000;
  std::string redis_url;
  std::string pg_url;
  // Where the strategy's pub/sub subscriber connects; empty: redis_url. Apart
  // so that a run can put a link between them and fail one, not the other.
  std::string subscriber_redis_url;
  // Not empty: the hot path's checks read from this replica (--read-from
  // replica); writes still go to redis_url and pg_url.
  std::string redis_read_url;
  std::string pg_read_url;
  // Pipelined connections per worker thread. One: a single backend then reads
  // many queries per wake-up; two split them and doubled the context switches
  // (pg-token-version, 64 clients: 56k req/s on one, 39k on two).
  std::size_t pg_pool = 1;
  std::chrono::milliseconds store_timeout{1000};
  std::string admin_token;            // empty: admin endpoints answer 403
  bool admin_from_anywhere = false;   // default: admin endpoints only for loopback peers
  bool load_user_row = false;         // model an app that reads the user row on every request
  int password_iterations = cheap_password_iterations;
  int hashing_threads = 1;            // PBKDF2 runs here, never on an io thread
  // Requests that hash a password (login, password change, reset) at once,
  // waiting or hashing; past it they get 503 `overloaded` before any work, so
  // a login flood cannot queue minutes of PBKDF2 behind itself.
  int hashing_queue = 1024;
  bool store_pipelining = true;       // false: one store command in flight per connection (to measure the lever)
  ResetDelivery reset_delivery = ResetDelivery::none;
  std::string shared_seed;            // not empty: the reset-token secret is derived from it (a fleet agrees)
};

}  // namespace revbench::server

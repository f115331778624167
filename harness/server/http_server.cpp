#include "harness/server/http_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "harness/server/beast_messages.hpp"
#include "harness/server/endpoints.hpp"
#include "harness/server/metrics.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/poll_until.hpp"
#include "harness/store/redis_client.hpp"
#include "harness/store/sentinel_follower.hpp"
#include "harness/store/sentinel_lookup.hpp"

namespace revbench::server {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

constexpr std::size_t header_limit = 8 * 1024;
constexpr std::size_t body_limit = 64 * 1024;
constexpr std::chrono::milliseconds accept_retry_pause{20};

// 127.0.0.0/8 and ::1, and 127.x seen through a dual-stack socket (--bind ::)
// as ::ffff:127.x.
bool is_loopback(const asio::ip::address& peer) {
  if (peer.is_v6() && peer.to_v6().is_v4_mapped())
    return asio::ip::make_address_v4(asio::ip::v4_mapped, peer.to_v6()).is_loopback();
  return peer.is_loopback();
}

}  // namespace

struct Worker {
  asio::io_context io{1};
  store::OpCounters counters;
  std::unique_ptr<store::RedisClient> redis;
  std::unique_ptr<store::PgClient> pg;
  std::unique_ptr<store::RedisClient> redis_replica;  // --read-from replica
  std::unique_ptr<store::PgClient> pg_replica;
  std::unique_ptr<tcp::acceptor> acceptor;

  WorkerStores stores() { return {*redis, *pg, redis_replica.get(), pg_replica.get()}; }
  bool connected() const {
    return redis->connected() && pg->connected_count() > 0 && (!redis_replica || redis_replica->connected()) &&
           (!pg_replica || pg_replica->connected_count() > 0);
  }
  std::thread thread;
};

struct HttpServer::Impl {
  ServerConfig config;
  strategies::Strategy& strategy;
  Metrics metrics;
  asio::thread_pool hashing;
  Endpoints endpoints;
  std::vector<std::unique_ptr<Worker>> workers;
  // Under Sentinel: retargets every worker's Redis client at each failover's
  // new primary. After the workers: it goes first, and its threads with it.
  std::unique_ptr<store::SentinelFollower> sentinels;
  std::atomic<std::size_t> connections{0};
  std::uint16_t port = 0;
  bool running = false;

  Impl(ServerConfig c, strategies::Strategy& s)
      : config(std::move(c)),
        strategy(s),
        metrics(std::string(s.name())),
        hashing(static_cast<std::size_t>(std::max(1, config.hashing_threads))),
        endpoints(config, strategy, metrics, hashing.get_executor()) {
    // Under Sentinel, the primary now (the follower below keeps up with failovers).
    store::RedisConfig redis_config = store::aimed_at_primary(store::parse_redis_url(config.redis_url));
    redis_config.command_timeout = config.store_timeout;
    redis_config.pipelining = config.store_pipelining;
    store::PgConfig pg_config;
    pg_config.conninfo = config.pg_url;
    pg_config.pool_size = config.pg_pool;
    pg_config.query_timeout = config.store_timeout;
    pg_config.pipelining = config.store_pipelining;
    pg_config.statements = account_statements();
    for (auto& statement : pending_revocation_statements()) pg_config.statements.push_back(std::move(statement));
    for (auto& statement : strategy.statements()) pg_config.statements.push_back(std::move(statement));

    const auto address = asio::ip::make_address(config.bind);
    for (int i = 0; i < std::max(1, config.threads); ++i) {
      auto worker = std::make_unique<Worker>();
      worker->redis = std::make_unique<store::RedisClient>(worker->io.get_executor(), redis_config, worker->counters);
      worker->pg = std::make_unique<store::PgClient>(worker->io.get_executor(), pg_config, worker->counters);
      if (!config.redis_read_url.empty()) {
        auto replica = redis_config;
        replica.sentinels.clear();
        const auto at = store::parse_redis_url(config.redis_read_url);
        replica.host = at.host;
        replica.port = at.port;
        worker->redis_replica = std::make_unique<store::RedisClient>(worker->io.get_executor(), replica, worker->counters);
      }
      if (!config.pg_read_url.empty()) {
        auto replica = pg_config;
        replica.conninfo = config.pg_read_url;
        worker->pg_replica = std::make_unique<store::PgClient>(worker->io.get_executor(), replica, worker->counters);
      }
      worker->acceptor = std::make_unique<tcp::acceptor>(worker->io);
      const tcp::endpoint endpoint{address, i == 0 ? config.port : port};
      boost::system::error_code ec;
      worker->acceptor->open(endpoint.protocol(), ec);
      if (!ec) worker->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
      if (!ec) {
        const int one = 1;
        if (setsockopt(worker->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)
          ec = boost::system::error_code(errno, boost::system::system_category());
      }
      if (!ec) worker->acceptor->bind(endpoint, ec);
      if (!ec) worker->acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec)
        throw std::runtime_error("cannot listen on " + config.bind + ":" + std::to_string(endpoint.port()) + ": " +
                                 ec.message());
      if (i == 0) port = worker->acceptor->local_endpoint().port();
      workers.push_back(std::move(worker));
    }
    if (redis_config.follows_sentinels())
      sentinels = std::make_unique<store::SentinelFollower>(redis_config, [this](const store::RedisEndpoint& primary) {
        for (auto& worker : workers) worker->redis->retarget(primary);
      });
  }

  asio::awaitable<void> accept_loop(Worker& worker) {
    for (;;) {
      auto [ec, socket] = co_await worker.acceptor->async_accept(tuple_awaitable);
      if (ec == asio::error::operation_aborted) co_return;
      if (ec) {
        // EMFILE and friends: the connection waits in the backlog, and
        // accepting again at once would fail at once, spinning a core that
        // the connections we have need. Keep serving them, try again later.
        asio::steady_timer pause(worker.io, accept_retry_pause);
        co_await pause.async_wait(tuple_awaitable);
        continue;
      }
      if (connections.load() >= config.max_connections) {
        metrics.rejected_connection();
        continue;  // the socket closes as it goes out of scope
      }
      asio::co_spawn(worker.io, session(worker, std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> session(Worker& worker, tcp::socket socket) {
    connections.fetch_add(1);
    struct Release {
      std::atomic<std::size_t>& n;
      ~Release() { n.fetch_sub(1); }
    } release{connections};

    boost::system::error_code ignored;
    const bool from_loopback = is_loopback(socket.remote_endpoint(ignored).address());
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(header_limit);
      parser.body_limit(body_limit);
      stream.expires_after(config.read_timeout);
      auto [ec, bytes] = co_await http::async_read(stream, buffer, parser, tuple_awaitable);
      if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset)
        break;
      if (ec == http::error::header_limit) {
        co_await write(stream, early_error(http::status::request_header_fields_too_large, contract::Reason::headers_too_large));
        break;
      }
      if (ec == http::error::body_limit) {
        co_await write(stream, early_error(http::status::payload_too_large, contract::Reason::body_too_large));
        break;
      }
      if (ec) {
        co_await write(stream, early_error(http::status::bad_request, contract::Reason::malformed_http));
        break;
      }
      auto request = parser.release();
      // A proxy and this server could each read a different one of two.
      if (request.count(http::field::authorization) > 1) {
        co_await write(stream, early_error(http::status::bad_request, contract::Reason::malformed_http));
        break;
      }
      const bool keep_alive = request.keep_alive();
      HttpResponse response =
          co_await endpoints.handle(to_request(request, from_loopback), worker.stores());
      if (!co_await write(stream, to_beast(std::move(response), request.version(), keep_alive)) || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<bool> write(beast::tcp_stream& stream, http::response<http::string_body> response) {
    stream.expires_after(config.read_timeout);
    auto [ec, bytes] = co_await http::async_write(stream, response, tuple_awaitable);
    co_return !ec;
  }
};

HttpServer::HttpServer(ServerConfig config, strategies::Strategy& strategy)
    : impl_(std::make_unique<Impl>(std::move(config), strategy)) {}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::port() const { return impl_->port; }
Metrics& HttpServer::metrics() { return impl_->metrics; }

bool HttpServer::start(std::chrono::milliseconds store_wait) {
  std::vector<std::future<bool>> ready;
  // Each thread keeps running until its accept loop is there to keep it busy.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> until_accepting;
  for (auto& worker : impl_->workers) {
    auto* w = worker.get();
    until_accepting.push_back(asio::make_work_guard(w->io));
    ready.push_back(asio::co_spawn(
        w->io,
        [w, store_wait]() -> asio::awaitable<bool> {
          co_return co_await store::poll_until(
              [w] { return w->connected(); }, store_wait);
        },
        asio::use_future));
    w->thread = std::thread([w] { w->io.run(); });
  }
  impl_->running = true;
  bool all = true;
  for (auto& f : ready) all = f.get() && all;
  // Revocations an instance that died still owed; ten seconds old, so that
  // those a live instance is landing right now are left to it. Looked up
  // before start() returns: a run counting store ops from then on sees no
  // query that no request announced.
  constexpr int left_behind_after_s = 10;
  auto& first = *impl_->workers.front();
  asio::co_spawn(first.io,
                 impl_->endpoints.pending_revocations().finish_left_behind(first.stores(),
                                                                           left_behind_after_s),
                 asio::use_future)
      .get();
  // Only now the first request: an instance that answers /healthz has sent
  // every query of its start-up, so a run that counts store ops from its
  // first answer on sees none that no request announced. Until then the
  // connections wait in the listen backlog.
  for (auto& worker : impl_->workers) asio::co_spawn(worker->io, impl_->accept_loop(*worker), asio::detached);
  until_accepting.clear();
  const auto& config = impl_->config;
  return impl_->strategy.follow(config.subscriber_redis_url.empty() ? config.redis_url : config.subscriber_redis_url,
                                store_wait) &&
         all;
}

void HttpServer::stop() {
  if (!impl_->running) return;
  impl_->running = false;
  for (auto& worker : impl_->workers) {
    asio::post(worker->io, [w = worker.get()] {
      boost::system::error_code ignored;
      w->acceptor->close(ignored);
      w->io.stop();
    });
  }
  for (auto& worker : impl_->workers)
    if (worker->thread.joinable()) worker->thread.join();
  impl_->hashing.join();
}

}  // namespace revbench::server

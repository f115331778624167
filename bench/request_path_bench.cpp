// What one GET costs the server in user space, request by request, without
// the sockets: Beast parses the bytes revbench load sends, the endpoints
// answer (short-ttl: the token check is the whole difference between the two
// paths), Beast serializes the response. /api/public against /api/resource is
// the server-cost ratio of bench/README.md taken apart.
#include <benchmark/benchmark.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

#include <string>

#include "bench/bench_worker.hpp"
#include "harness/server/beast_messages.hpp"
#include "harness/server/endpoints.hpp"
#include "strategies/registry.hpp"

namespace {
namespace asio = boost::asio;
namespace http = boost::beast::http;
using namespace revbench;

// The bytes revbench load sends for one GET (harness/load/http_connection.cpp).
std::string request_bytes(const std::string& path, const std::string& token) {
  std::string bytes = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) bytes += "Authorization: Bearer " + token + "\r\n";
  return bytes + "\r\n";
}

// A SyncWriteStream that keeps nothing: http::write's serialization alone.
struct DiscardingStream {
  std::size_t written = 0;
  template <class ConstBuffers>
  std::size_t write_some(const ConstBuffers& buffers) {
    const std::size_t n = asio::buffer_size(buffers);
    written += n;
    return n;
  }
  template <class ConstBuffers>
  std::size_t write_some(const ConstBuffers& buffers, boost::system::error_code& ec) {
    ec = {};
    return write_some(buffers);
  }
};

struct Server {
  std::unique_ptr<strategies::Strategy> strategy = strategies::make_strategy("short-ttl", {});
  bench::Worker worker{strategy->statements()};
  server::ServerConfig config;
  server::Metrics metrics{"short-ttl"};
  asio::thread_pool hashing{1};
  server::Endpoints endpoints{config, *strategy, metrics, hashing.get_executor()};
  std::string token = worker.issue_token(*strategy);
};

Server& short_ttl_server() {
  static Server instance;
  return instance;
}

constexpr int per_iteration = 256;

// Each request parsed, answered and serialized in turn inside one coroutine,
// as a server session does.
void BM_RequestPath(benchmark::State& state, const char* path, bool with_token) {
  auto& server = short_ttl_server();
  const std::string bytes = request_bytes(path, with_token ? server.token : std::string());
  bool failed = false;
  for (auto _ : state) {
    bool done = false;
    asio::co_spawn(
        server.worker.io,
        [&]() -> asio::awaitable<void> {
          DiscardingStream out;
          for (int i = 0; i < per_iteration; ++i) {
            http::request_parser<http::string_body> parser;
            boost::system::error_code ec;
            parser.put(asio::buffer(bytes), ec);
            if (ec || !parser.is_done()) {
              failed = true;
              break;
            }
            const auto& request = parser.get();
            auto response = co_await server.endpoints.handle(
                server::to_request(request, true), server::WorkerStores{server.worker.redis, server.worker.pg});
            failed = failed || response.status != 200;
            http::write(out, server::to_beast(std::move(response), request.version(), true));
          }
          benchmark::DoNotOptimize(out.written);
          done = true;
        },
        asio::detached);
    server.worker.run_until([&] { return done; });
  }
  if (failed) state.SkipWithError("a request failed");
  state.SetItemsProcessed(state.iterations() * per_iteration);
}

// Beast's parse of the request alone: what the Authorization header adds.
void BM_ParseRequest(benchmark::State& state, const char* path, bool with_token) {
  const std::string bytes = request_bytes(path, with_token ? short_ttl_server().token : std::string());
  for (auto _ : state) {
    http::request_parser<http::string_body> parser;
    boost::system::error_code ec;
    parser.put(asio::buffer(bytes), ec);
    benchmark::DoNotOptimize(parser.get()[http::field::authorization]);
  }
}

BENCHMARK_CAPTURE(BM_RequestPath, public, "/api/public", false)->UseRealTime();
BENCHMARK_CAPTURE(BM_RequestPath, resource_short_ttl, "/api/resource", true)->UseRealTime();
BENCHMARK_CAPTURE(BM_ParseRequest, public, "/api/public", false);
BENCHMARK_CAPTURE(BM_ParseRequest, public_with_token, "/api/public", true);

}  // namespace

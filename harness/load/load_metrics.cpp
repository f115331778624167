#include "harness/load/load_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <mutex>
#include <thread>

namespace revbench::load {
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {
const prometheus::Histogram::BucketBoundaries buckets{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,   0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,     10};
}  // namespace

struct LoadMetrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Counter& ok;
  prometheus::Counter& failed;
  prometheus::Histogram& latency;
  std::mutex mutex;  // add() and the scrape thread
  asio::io_context io{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread thread;

  Impl()
      : ok(prometheus::BuildCounter()
               .Name("revbench_load_requests_total")
               .Help("Requests the load generator completed, by outcome")
               .Register(*registry)
               .Add({{"outcome", "ok"}})),
        failed(prometheus::BuildCounter()
                   .Name("revbench_load_requests_total")
                   .Help("Requests the load generator completed, by outcome")
                   .Register(*registry)
                   .Add({{"outcome", "error"}})),
        latency(prometheus::BuildHistogram()
                    .Name("revbench_load_request_duration_seconds")
                    .Help("Client-side latency, timed from the intended send time (corrected for coordinated omission)")
                    .Register(*registry)
                    .Add({}, buckets)) {}

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor->async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      asio::co_spawn(io, answer(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> answer(tcp::socket socket) {
    boost::beast::flat_buffer buffer;
    http::request<http::empty_body> request;
    auto [ec, n] = co_await http::async_read(socket, buffer, request, asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    http::response<http::string_body> response{http::status::ok, request.version()};
    if (request.target() == "/metrics") {
      std::lock_guard lock(mutex);
      response.body() = prometheus::TextSerializer().Serialize(registry->Collect());
      response.set(http::field::content_type, "text/plain; version=0.0.4");
    } else {
      response.result(http::status::not_found);
    }
    response.keep_alive(false);
    response.prepare_payload();
    co_await http::async_write(socket, response, asio::as_tuple(asio::use_awaitable));
  }
};

LoadMetrics::LoadMetrics() : impl_(std::make_unique<Impl>()) {}

LoadMetrics::~LoadMetrics() {
  if (impl_->thread.joinable()) {
    asio::post(impl_->io, [this] {
      boost::system::error_code ignored;
      impl_->acceptor->close(ignored);
      impl_->io.stop();
    });
    impl_->thread.join();
  }
}

std::uint16_t LoadMetrics::serve(std::uint16_t port) {
  impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
  return impl_->acceptor->local_endpoint().port();
}

void LoadMetrics::add(const ProgressSample& sample) {
  // The interval's histogram, folded into the Prometheus buckets.
  std::vector<double> increments(buckets.size() + 1, 0.0);
  double sum = 0;
  for (const auto& [cell, count] : sample.latency.nonzero_cells()) {
    const double seconds = static_cast<double>(LatencyHistogram::highest_in_cell(cell)) / 1e9;
    const auto bucket = static_cast<std::size_t>(std::lower_bound(buckets.begin(), buckets.end(), seconds) - buckets.begin());
    increments[bucket] += static_cast<double>(count);
    sum += seconds * static_cast<double>(count);
  }
  std::lock_guard lock(impl_->mutex);
  impl_->ok.Increment(static_cast<double>(sample.requests - sample.errors));
  impl_->failed.Increment(static_cast<double>(sample.errors));
  impl_->latency.ObserveMultiple(increments, sum);
}

std::string LoadMetrics::serialize() const {
  std::lock_guard lock(impl_->mutex);
  return prometheus::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace revbench::load

#include "harness/load/load_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
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
#include <map>
#include <mutex>
#include <thread>

#include "harness/contract/build_identity.hpp"
#include "harness/contract/latency_buckets.hpp"

namespace revbench::load {
namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {
const prometheus::Histogram::BucketBoundaries latency_buckets = contract::latency_bucket_bounds();
// Revocation lag runs from a round trip to an access token's whole lifetime.
const prometheus::Histogram::BucketBoundaries lag_buckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                          0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10,
                                                          30,     60,      300,    900};

// A histogram interval folded into Prometheus buckets.
void observe(prometheus::Histogram& histogram, const prometheus::Histogram::BucketBoundaries& buckets,
             const LatencyHistogram& interval) {
  std::vector<double> increments(buckets.size() + 1, 0.0);
  double sum = 0;
  for (const auto& [cell, count] : interval.nonzero_cells()) {
    const double seconds = static_cast<double>(LatencyHistogram::highest_in_cell(cell)) / 1e9;
    const auto bucket = static_cast<std::size_t>(std::lower_bound(buckets.begin(), buckets.end(), seconds) - buckets.begin());
    increments[bucket] += static_cast<double>(count);
    sum += seconds * static_cast<double>(count);
  }
  histogram.ObserveMultiple(increments, sum);
}
}  // namespace

struct LoadMetrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  // Families built once; each strategy x scenario's children made on first use and kept.
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter().Name("revbench_load_requests_total").Help("Requests the load generator completed, by outcome").Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram()
          .Name("revbench_load_request_duration_seconds")
          .Help("Client-side latency, timed from the intended send time (corrected for coordinated omission)")
          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& lag =
      prometheus::BuildHistogram()
          .Name("revbench_load_revocation_lag_seconds")
          .Help("From a revoking response to the last instance's first refusal of the stolen token")
          .Register(*registry);
  // A histogram's top bucket bound is no maximum: the longest lag itself, as measured.
  prometheus::Family<prometheus::Gauge>& lag_max =
      prometheus::BuildGauge()
          .Name("revbench_load_revocation_lag_max_seconds")
          .Help("The longest revocation lag measured so far, by strategy and scenario (exact, not a bucket bound)")
          .Register(*registry);
  // The generator's own delay: a scheduled send that fires late is the
  // generator's backlog, not the server's, whatever the latency says.
  prometheus::Family<prometheus::Histogram>& generator_lag =
      prometheus::BuildHistogram()
          .Name("revbench_load_generator_lag_seconds")
          .Help("How late the load generator's timers fired for scheduled sends (its own delay, not the server's)")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& accepted =
      prometheus::BuildCounter()
          .Name("revbench_load_accepted_after_revoke_total")
          .Help("Thief requests sent after the revoking response that the server accepted")
          .Register(*registry);
  prometheus::Family<prometheus::Counter>& collateral =
      prometheus::BuildCounter()
          .Name("revbench_load_collateral_logouts_total")
          .Help("Sessions refused that no event targeted")
          .Register(*registry);
  prometheus::Gauge& build_info = prometheus::BuildGauge()
                                     .Name("revbench_build_info")
                                     .Help("1, labelled with the revbench version and commit that generates the load")
                                     .Register(*registry)
                                     .Add({{"version", contract::build_version()}, {"commit", contract::build_commit()}});
  struct Children {
    prometheus::Counter& ok;
    prometheus::Counter& failed;
    prometheus::Histogram& latency;
    prometheus::Histogram& lag;
    prometheus::Gauge& lag_max;
    prometheus::Histogram& generator_lag;
    prometheus::Counter& accepted;
    prometheus::Counter& collateral;
  };
  std::map<std::pair<std::string, std::string>, Children> children;
  std::mutex mutex;  // add() and the scrape thread
  asio::io_context io{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread thread;

  Children& of(const std::string& strategy, const std::string& scenario) {
    const auto key = std::pair{strategy, scenario};
    if (auto found = children.find(key); found != children.end()) return found->second;
    const prometheus::Labels labels{{"strategy", strategy}, {"scenario", scenario}};
    auto with = [&labels](const char* outcome) {
      auto l = labels;
      l["outcome"] = outcome;
      return l;
    };
    return children
        .emplace(key, Children{requests.Add(with("ok")), requests.Add(with("error")), latency.Add(labels, latency_buckets),
                               lag.Add(labels, lag_buckets), lag_max.Add(labels), generator_lag.Add(labels, latency_buckets),
                               accepted.Add(labels), collateral.Add(labels)})
        .first->second;
  }

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

LoadMetrics::LoadMetrics() : impl_(std::make_unique<Impl>()) { impl_->build_info.Set(1); }

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

void LoadMetrics::add(const ClientSample& sample) {
  std::lock_guard lock(impl_->mutex);
  auto& c = impl_->of(sample.strategy, sample.scenario);
  c.ok.Increment(static_cast<double>(sample.ok));
  c.failed.Increment(static_cast<double>(sample.errors));
  if (sample.latency != nullptr) observe(c.latency, latency_buckets, *sample.latency);
  if (sample.revocation_lag != nullptr && sample.revocation_lag->count() > 0) {
    observe(c.lag, lag_buckets, *sample.revocation_lag);
    const double longest = std::chrono::duration<double>(sample.revocation_lag->max()).count();
    if (longest > c.lag_max.Value()) c.lag_max.Set(longest);
  }
  if (sample.generator_lag != nullptr) observe(c.generator_lag, latency_buckets, *sample.generator_lag);
  c.accepted.Increment(static_cast<double>(sample.accepted_after_revoke));
  c.collateral.Increment(static_cast<double>(sample.collateral_logouts));
}

std::string LoadMetrics::serialize() const {
  std::lock_guard lock(impl_->mutex);
  return prometheus::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace revbench::load

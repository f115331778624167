#include "harness/server/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include "harness/contract/build_identity.hpp"
#include "harness/contract/latency_buckets.hpp"

namespace revbench::server {

const char* to_string(Outcome outcome) {
  static constexpr const char* names[outcome_count] = {"ok",        "unauthorized", "forbidden", "bad_request",
                                                       "not_found", "unavailable",  "too_large"};
  return names[static_cast<std::size_t>(outcome)];
}

Outcome outcome_of(int status) {
  if (status < 400) return Outcome::ok;
  switch (status) {
    case 401: return Outcome::unauthorized;
    case 403: return Outcome::forbidden;
    case 404: return Outcome::not_found;
    case 413:
    case 431: return Outcome::too_large;
    case 503: return Outcome::unavailable;
    default: return Outcome::bad_request;
  }
}

Metrics::Metrics(const std::string& strategy) : registry_(std::make_shared<prometheus::Registry>()) {
  auto& requests = prometheus::BuildCounter()
                       .Name("revbench_http_requests_total")
                       .Help("HTTP requests served, by strategy, endpoint and outcome")
                       .Register(*registry_);
  const prometheus::Histogram::BucketBoundaries buckets = contract::latency_bucket_bounds();
  auto& latency = prometheus::BuildHistogram()
                      .Name("revbench_http_request_duration_seconds")
                      .Help("Time from a request's last byte read to its response, by strategy and endpoint")
                      .Register(*registry_);
  auto& revocations = prometheus::BuildCounter()
                          .Name("revbench_revocations_total")
                          .Help("Revoking requests that took effect (logout, logout-all, password, ban, rotation)")
                          .Register(*registry_);
  auto& store_ops = prometheus::BuildCounter()
                        .Name("revbench_store_ops_total")
                        .Help("Store commands issued while serving requests, by strategy and store")
                        .Register(*registry_);
  // Outage events for dashboards' annotations: the counter says when, the
  // gauge says whether the store is back.
  auto& unreachable = prometheus::BuildCounter()
                          .Name("revbench_store_unreachable_total")
                          .Help("Store commands that failed because the store was unreachable or did not answer in time")
                          .Register(*registry_);
  auto& reachable = prometheus::BuildGauge()
                        .Name("revbench_store_reachable")
                        .Help("1 while the last command sent to the store got an answer, 0 after one found it unreachable")
                        .Register(*registry_);
  // Reasons are a closed vocabulary (the HTTP contract's), so the label stays bounded.
  auto& rejections = prometheus::BuildCounter()
                         .Name("revbench_rejections_total")
                         .Help("Requests refused, by reason (revoked, expired, bad_signature, reuse_detected, ...)")
                         .Register(*registry_);
  for (const auto reason : contract::all_reasons())
    rejections_.push_back(&rejections.Add({{"strategy", strategy}, {"reason", std::string(to_string(reason))}}));
  auto& fail_open = prometheus::BuildCounter()
                        .Name("revbench_fail_open_accepts_total")
                        .Help("Tokens accepted without their store check because the store was down (--fail-open)")
                        .Register(*registry_);
  auto& rejected = prometheus::BuildCounter()
                       .Name("revbench_rejected_connections_total")
                       .Help("Connections closed at once because the server was at its connection cap")
                       .Register(*registry_);
  for (std::size_t e = 0; e < endpoint_count; ++e) {
    const std::string endpoint(contract::label_of(static_cast<Endpoint>(e)));
    for (std::size_t o = 0; o < outcome_count; ++o)
      requests_[e][o] = &requests.Add(
          {{"strategy", strategy}, {"endpoint", endpoint}, {"outcome", to_string(static_cast<Outcome>(o))}});
    latency_[e] = &latency.Add({{"strategy", strategy}, {"endpoint", endpoint}}, buckets);
    revocations_[e] = &revocations.Add({{"strategy", strategy}, {"endpoint", endpoint}});
  }
  for (auto [refs, name] : {std::pair{&redis_, "redis"}, std::pair{&pg_, "postgres"}}) {
    const prometheus::Labels labels{{"strategy", strategy}, {"store", name}};
    refs->ops = &store_ops.Add(labels);
    refs->unreachable = &unreachable.Add(labels);
    refs->reachable = &reachable.Add(labels);
    refs->reachable->Set(1);
  }
  fail_open_ = &fail_open.Add({{"strategy", strategy}});
  revocations_owed_ = &prometheus::BuildGauge()
                           .Name("revbench_revocations_owed")
                           .Help("Account changes (ban, password change, reset, logout-all) committed whose revocation "
                                 "has not landed yet: answered 202 revocation_pending, tried again until it does")
                           .Register(*registry_)
                           .Add({{"strategy", strategy}});
  rejected_connections_ = &rejected.Add({{"strategy", strategy}});
  prometheus::BuildGauge()
      .Name("revbench_build_info")
      .Help("1, labelled with the revbench version and commit that serve")
      .Register(*registry_)
      .Add({{"version", contract::build_version()}, {"commit", contract::build_commit()}})
      .Set(1);
}

Metrics::~Metrics() = default;

void Metrics::observe(Endpoint endpoint, int status, std::chrono::nanoseconds elapsed, const store::OpTally& tally) {
  const auto e = static_cast<std::size_t>(endpoint);
  requests_[e][static_cast<std::size_t>(outcome_of(status))]->Increment();
  latency_[e]->Observe(std::chrono::duration<double>(elapsed).count());
  observe_store(redis_, tally.redis, tally.redis_unreachable);
  observe_store(pg_, tally.postgres, tally.postgres_unreachable);
}

void Metrics::observe_store(const StoreFamilyRefs& store, std::uint32_t ops, std::uint32_t unreachable) {
  if (ops != 0) store.ops->Increment(ops);
  if (unreachable != 0) {
    store.unreachable->Increment(unreachable);
    store.reachable->Set(0);
  } else if (ops != 0) {
    store.reachable->Set(1);
  }
}

void Metrics::revocation(Endpoint endpoint) { revocations_[static_cast<std::size_t>(endpoint)]->Increment(); }
void Metrics::rejected(contract::Reason reason) { rejections_[static_cast<std::size_t>(reason)]->Increment(); }

void Metrics::revocations_owed(int owed) { revocations_owed_->Set(owed); }
void Metrics::store_ops(const store::OpTally& tally) {
  observe_store(redis_, tally.redis, tally.redis_unreachable);
  observe_store(pg_, tally.postgres, tally.postgres_unreachable);
}

void Metrics::fail_open() { fail_open_->Increment(); }
void Metrics::rejected_connection() { rejected_connections_->Increment(); }

std::string Metrics::serialize() const { return prometheus::TextSerializer().Serialize(registry_->Collect()); }

}  // namespace revbench::server

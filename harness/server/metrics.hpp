#pragma once
// The server's Prometheus metrics. Families and every labelled child are
// built once at start-up (bounded labels: strategy, endpoint, outcome, reason, store,
// event); the hot path only increments references.
#include <array>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/contract/endpoint.hpp"
#include "harness/contract/reason.hpp"
#include "harness/store/op_counters.hpp"

namespace prometheus {
class Registry;
class Counter;
class Histogram;
class Gauge;
}  // namespace prometheus

namespace revbench::server {

using contract::Endpoint;
using contract::endpoint_count;

enum class Outcome { ok, unauthorized, forbidden, bad_request, not_found, unavailable, too_large };
inline constexpr std::size_t outcome_count = 7;
const char* to_string(Outcome outcome);
Outcome outcome_of(int status);

class Metrics {
 public:
  explicit Metrics(const std::string& strategy);
  ~Metrics();

  void observe(Endpoint endpoint, int status, std::chrono::nanoseconds elapsed, const store::OpTally& tally);
  void revocation(Endpoint endpoint);  // a logout, ban, rotation... took effect
  void revocations_owed(int owed);     // committed account changes whose revocation has not landed yet
  void store_ops(const store::OpTally& tally);  // store work no request answered for (retries)
  void rejected(contract::Reason reason);  // a refusal, by its reason (revoked, expired, ...)
  void fail_open();                    // a token accepted unchecked because the store was down
  void rejected_connection();          // over the connection cap
  std::string serialize() const;       // Prometheus text format

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  std::array<std::array<prometheus::Counter*, outcome_count>, endpoint_count> requests_{};
  std::array<prometheus::Histogram*, endpoint_count> latency_{};
  std::array<prometheus::Counter*, endpoint_count> revocations_{};
  struct StoreFamilyRefs {
    prometheus::Counter* ops = nullptr;
    prometheus::Counter* unreachable = nullptr;
    prometheus::Gauge* reachable = nullptr;
  };
  void observe_store(const StoreFamilyRefs& store, std::uint32_t ops, std::uint32_t unreachable);

  std::vector<prometheus::Counter*> rejections_;  // by contract::Reason
  StoreFamilyRefs redis_;
  StoreFamilyRefs pg_;
  prometheus::Counter* fail_open_ = nullptr;
  prometheus::Counter* rejected_connections_ = nullptr;
  prometheus::Gauge* revocations_owed_ = nullptr;
};

}  // namespace revbench::server

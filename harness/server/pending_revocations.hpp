#pragma once
// Revocations that land or are owed, never lost. A revoking account change
// (ban, password change, reset, logout-all) commits together with a row in
// pending_revocations, in one statement. The strategy's part of the
// revocation (a deny-list entry, a feed message, refresh families) runs after
// the commit, stamped with the time after it, and the row goes once it has
// landed. When the strategy's store is down the caller is told the change is
// made and its revocation pending (202), and this instance tries it again,
// with the same time stamp, until it lands. Rows an instance left behind
// (it died first) are finished by the next instance to start, stamped with
// its own clock, which also ends the sessions opened since.
//
// Until what it owes has landed, the owing instance refuses the tokens it
// covers itself: its store may answer again before the next try, and a
// deny-list that answers without the entry would let the token through.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/contract/endpoint.hpp"
#include "harness/server/metrics.hpp"
#include "harness/server/worker_stores.hpp"
#include "harness/store/op_counters.hpp"
#include "harness/store/pg_config.hpp"
#include "strategies/strategy.hpp"

namespace revbench::server {

struct PendingRevocation {
  std::string id;                   // its row in pending_revocations
  std::string user;
  std::optional<std::string> keep;  // a password change spares the caller's session
  double revoked_at = 0;            // the time the strategy stamps it with: after the change committed
  std::optional<contract::Endpoint> event;  // what asked for it; none for one left behind
  bool landed = false;              // the strategy's part is done; only the row is left to clear
};

std::vector<store::PreparedStatement> pending_revocation_statements();

class PendingRevocations {
 public:
  PendingRevocations(strategies::Strategy& strategy, Metrics& metrics) : strategy_(strategy), metrics_(metrics) {}

  // One try: lands the revocation (unless it has landed) and clears its row.
  // True when both are done; `pending.landed` says how far it got.
  boost::asio::awaitable<bool> try_once(WorkerStores stores, store::OpTally& tally, PendingRevocation& pending);
  // Tries again on `executor` (the worker that owns `stores`) until it is done.
  void keep_trying(boost::asio::any_io_executor executor, WorkerStores stores, PendingRevocation pending);
  // Finishes the rows older than `older_than_s` seconds: left by an instance
  // that died before their revocation landed.
  boost::asio::awaitable<void> finish_left_behind(WorkerStores stores, int older_than_s);

  // Revocations this instance owes now.
  int owed() const { return owed_.load(std::memory_order_relaxed); }
  // Whether a revocation this instance owes, not landed yet, covers a token:
  // the user's, issued before the revocation's time stamp, not of the session
  // a password change spares. Costs an atomic load while nothing is owed.
  bool owes_any() const { return unlanded_count_.load(std::memory_order_acquire) != 0; }
  bool covers(std::string_view user, std::string_view sid, std::int64_t issued_us) const;

 private:
  boost::asio::awaitable<void> retry(WorkerStores stores, PendingRevocation pending);
  void unlanded(const PendingRevocation& pending);
  void landed(const std::string& id);

  struct Unlanded {
    std::string id;
    std::string user;
    std::optional<std::string> keep;
    std::int64_t revoked_at_us = 0;
  };
  mutable std::mutex unlanded_mutex_;
  std::vector<Unlanded> unlanded_;
  std::atomic<std::size_t> unlanded_count_{0};

  strategies::Strategy& strategy_;
  Metrics& metrics_;
  std::atomic<int> owed_{0};
};

}  // namespace revbench::server

#include "harness/server/pending_revocations.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>

#include "harness/jwt/codec.hpp"
#include "harness/store/pg_client.hpp"
#include "harness/store/redis_client.hpp"

namespace revbench::server {
namespace asio = boost::asio;

std::vector<store::PreparedStatement> pending_revocation_statements() {
  return {
      {"pr_clear", "DELETE FROM pending_revocations WHERE id = $1::bigint"},
      {"pr_left_behind",
       "SELECT id, user_name, keep_sid FROM pending_revocations "
       "WHERE created_at < now() - make_interval(secs => $1::int) ORDER BY id"},
  };
}

asio::awaitable<bool> PendingRevocations::try_once(WorkerStores stores, store::OpTally& tally,
                                                   PendingRevocation& pending) {
  if (!pending.landed) {
    strategies::Context ctx{stores.redis, stores.pg, tally, pending.revoked_at};
    auto done = co_await strategy_.end_sessions(ctx, pending.user, pending.keep);
    if (!done) co_return false;
    pending.landed = true;
    if (pending.event) metrics_.revocation(*pending.event);
  }
  auto cleared = co_await stores.pg.query(&tally, "pr_clear", pending.id);
  co_return static_cast<bool>(cleared);
}

bool PendingRevocations::covers(std::string_view user, std::string_view sid, std::int64_t issued_us) const {
  if (!owes_any()) return false;
  std::lock_guard lock(unlanded_mutex_);
  return std::any_of(unlanded_.begin(), unlanded_.end(), [&](const Unlanded& owed) {
    return owed.user == user && issued_us <= owed.revoked_at_us && owed.keep != sid;
  });
}

void PendingRevocations::unlanded(const PendingRevocation& pending) {
  std::lock_guard lock(unlanded_mutex_);
  unlanded_.push_back({pending.id, pending.user, pending.keep, static_cast<std::int64_t>(pending.revoked_at * 1e6)});
  unlanded_count_.store(unlanded_.size(), std::memory_order_release);
}

void PendingRevocations::landed(const std::string& id) {
  std::lock_guard lock(unlanded_mutex_);
  std::erase_if(unlanded_, [&id](const Unlanded& owed) { return owed.id == id; });
  unlanded_count_.store(unlanded_.size(), std::memory_order_release);
}

void PendingRevocations::keep_trying(asio::any_io_executor executor, WorkerStores stores, PendingRevocation pending) {
  if (!pending.landed) unlanded(pending);
  owed_.fetch_add(1, std::memory_order_relaxed);
  metrics_.revocations_owed(owed());
  asio::co_spawn(executor, retry(stores, std::move(pending)), asio::detached);
}

asio::awaitable<void> PendingRevocations::retry(WorkerStores stores, PendingRevocation pending) {
  // Soon at first (a store back within a moment loses little), then at most
  // a quarter of a second apart: how long, after the store returns, other
  // instances may still accept what this one owes.
  constexpr std::chrono::milliseconds first_pause{20};
  constexpr std::chrono::milliseconds longest_pause{250};
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (auto pause = first_pause;; pause = std::min(pause * 2, longest_pause)) {
    timer.expires_after(pause);
    co_await timer.async_wait(asio::use_awaitable);
    store::OpTally tally;
    const bool was_landed = pending.landed;
    const bool done = co_await try_once(stores, tally, pending);
    metrics_.store_ops(tally);
    if (pending.landed && !was_landed) landed(pending.id);
    if (done) break;
  }
  owed_.fetch_sub(1, std::memory_order_relaxed);
  metrics_.revocations_owed(owed());
}

asio::awaitable<void> PendingRevocations::finish_left_behind(WorkerStores stores, int older_than_s) {
  store::OpTally tally;
  auto rows = co_await stores.pg.query(&tally, "pr_left_behind", std::to_string(older_than_s));
  if (!rows) co_return;  // PostgreSQL is down: the next instance to start finds them
  const auto executor = co_await asio::this_coro::executor;
  for (int r = 0; r < rows->rows(); ++r) {
    PendingRevocation pending{std::string(rows->get(r, 0)), std::string(rows->get(r, 1)), std::nullopt,
                              jwt::unix_now(), std::nullopt, false};
    if (!rows->is_null(r, 2)) pending.keep = std::string(rows->get(r, 2));
    keep_trying(executor, stores, std::move(pending));
  }
}

}  // namespace revbench::server

#include "harness/session/replication_watch.hpp"

#include <algorithm>
#include <chrono>

#include "harness/store/embedded_stores.hpp"
#include "harness/store/replication_positions.hpp"

namespace revbench::session {
namespace {

constexpr std::chrono::milliseconds sample_every{10};

// The replica's distance behind its primary at about one moment. The
// replica is read first (`applied`, then `written`), so that a primary moving
// on meanwhile can only overstate the distance, never hide it.
std::optional<double> behind(std::optional<long long> applied, std::optional<long long> written) {
  if (!applied || !written) return std::nullopt;
  return static_cast<double>(std::max(0LL, *written - *applied));
}

results::ReplicaView view_of(std::string store, std::vector<double> bytes, const std::vector<double>& replay_lag) {
  results::ReplicaView view;
  view.store = std::move(store);
  view.samples = static_cast<int>(bytes.size());
  if (bytes.empty()) return view;
  view.behind_fraction = static_cast<double>(std::count_if(bytes.begin(), bytes.end(), [](double b) { return b > 0; })) /
                         static_cast<double>(bytes.size());
  std::sort(bytes.begin(), bytes.end());
  view.bytes_behind_p50 = bytes[(bytes.size() - 1) / 2];
  view.bytes_behind_max = bytes.back();
  if (!replay_lag.empty()) view.replay_lag_max_seconds = *std::max_element(replay_lag.begin(), replay_lag.end());
  return view;
}

}  // namespace

ReplicationWatch::ReplicationWatch(const store::Stores& stores) : stores_(stores) {
  if (stores_.redis_replica() != nullptr || stores_.pg_standby() != nullptr)
    thread_ = std::thread([this] { sample_until_stopped(); });
}

ReplicationWatch::~ReplicationWatch() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void ReplicationWatch::sample_until_stopped() {
  store::RedisPositions redis_primary(stores_.redis_url()), redis_replica(stores_.redis_replica_url());
  store::PgPositions pg_primary(stores_.pg_url()), pg_standby(stores_.pg_standby_url());
  const bool redis = stores_.redis_replica() != nullptr;
  const bool pg = stores_.pg_standby() != nullptr;
  for (auto next = std::chrono::steady_clock::now(); !stop_.load(); next += sample_every) {
    if (redis) {
      const auto applied = redis_replica.offset();
      if (const auto b = behind(applied, redis_primary.offset())) redis_behind_.push_back(*b);
    }
    if (pg) {
      const auto applied = pg_standby.wal_position(true);
      if (const auto b = behind(applied, pg_primary.wal_position(false))) pg_behind_.push_back(*b);
      if (const auto lag = pg_primary.replay_lag_seconds()) pg_replay_lag_.push_back(*lag);
    }
    std::this_thread::sleep_until(next + sample_every);
  }
}

std::vector<results::ReplicaView> ReplicationWatch::finish() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  std::vector<results::ReplicaView> views;
  if (stores_.redis_replica() != nullptr) views.push_back(view_of("redis", redis_behind_, {}));
  if (stores_.pg_standby() != nullptr) views.push_back(view_of("postgres", pg_behind_, pg_replay_lag_));
  return views;
}

}  // namespace revbench::session

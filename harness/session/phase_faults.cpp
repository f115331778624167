#include "harness/session/phase_faults.hpp"

#include <signal.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "harness/load/log_in.hpp"
#include "harness/load/scenario/contract_client.hpp"
#include "harness/session/redis_front_links.hpp"
#include "harness/session/run_links.hpp"

namespace revbench::session {
namespace {

const char* to_string(load::FaultStore store) { return store == load::FaultStore::redis ? "redis" : "postgres"; }
const char* to_string(load::FaultAction action) {
  switch (action) {
    case load::FaultAction::kill: return "kill";
    case load::FaultAction::stop: return "stop";
    case load::FaultAction::isolate: return "isolate";
  }
  return "?";
}

}  // namespace

PhaseFaults::PhaseFaults(store::Stores* stores, RedisFrontLinks* front_links)
    : stores_(stores), front_links_(front_links), thread_([this] { work(); }) {}

PhaseFaults::~PhaseFaults() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void PhaseFaults::require_embedded(const load::Scenario& scenario, const store::Stores* stores) {
  for (const auto& fault : scenario.faults) {
    const bool embedded = stores != nullptr && (fault.store == load::FaultStore::redis ? stores->embedded_redis() != nullptr
                                                                                      : stores->embedded_postgres() != nullptr);
    if (!embedded)
      throw std::invalid_argument("scenario " + scenario.name + " fails " + to_string(fault.store) +
                                  ": store faults need the store revbench embeds (no --target, --redis-url or --pg-url)");
  }
}

void PhaseFaults::arm(const load::Scenario& scenario, const scenarios::ScenarioNetwork& network, RunLinks& links,
                      std::vector<load::HttpTarget> instances) {
  require_embedded(scenario, stores_);
  std::lock_guard lock(mutex_);
  armed_store_faults_ = scenario.faults;
  armed_link_faults_ = network.faults;
  links_ = &links;
  instances_ = std::move(instances);
  records_.clear();
  probe_ops_ = {};
  run_start_ = {};
}

void PhaseFaults::phase_started(const std::string& phase, Clock::time_point ends) {
  Job job{{}, {}, ends};
  {
    std::lock_guard lock(mutex_);
    if (run_start_ == Clock::time_point{}) run_start_ = Clock::now();
    for (const auto& fault : armed_store_faults_)
      if (fault.phase == phase) job.store_faults.push_back(fault);
    for (const auto& fault : armed_link_faults_)
      if (fault.phase == phase) job.link_faults.push_back(fault);
    if (job.store_faults.empty() && job.link_faults.empty()) return;
    jobs_.push_back(std::move(job));
  }
  changed_.notify_all();
}

PhaseFaults::Finished PhaseFaults::finish() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return jobs_.empty() && !busy_; });
  armed_store_faults_.clear();
  armed_link_faults_.clear();
  links_ = nullptr;
  return {std::move(records_), probe_ops_};
}

void PhaseFaults::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return quit_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // quit, nothing left to undo
    const Job job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    lock.unlock();
    inject(job);
    lock.lock();
    busy_ = false;
    changed_.notify_all();
  }
}

store::EmbeddedRedis& PhaseFaults::redis_primary() const {
  // Under Sentinel, whichever it names now: a second failover's primary is the first one's promoted replica.
  // None named (the Sentinels mid-way through another failover): the one revbench started as the primary.
  auto* primary = stores_->redis_primary_now();
  return primary != nullptr ? *primary : *stores_->embedded_redis();
}

void PhaseFaults::kill(load::FaultStore store) {
  if (store == load::FaultStore::postgres)
    return stores_->pg_standby() != nullptr ? stores_->fail_postgres_over() : stores_->embedded_postgres()->kill();
  killed_redis_ = &redis_primary();
  killed_redis_->kill();
}

void PhaseFaults::restart(load::FaultStore store) {
  // A failed-over primary may hold commits the promoted standby never received: never back as a primary.
  if (store == load::FaultStore::postgres)
    return stores_->pg_standby() != nullptr ? stores_->rebuild_pg_standby() : stores_->embedded_postgres()->start();
  // The one killed, back with its data: under Sentinel a stale primary, which the Sentinels make a replica of the new one.
  killed_redis_->start();
  killed_redis_ = nullptr;
}

void PhaseFaults::isolate() {
  if (front_links_ == nullptr) throw std::logic_error("isolate: the Sentinel's Redis instances have no front links");
  isolated_redis_ = &redis_primary();
  front_links_->isolate(isolated_redis_->announced_port());
}

void PhaseFaults::rejoin() {
  // Back among its peers, it still says it is a primary: the Sentinels make it a replica of the promoted one,
  // and what it acknowledged meanwhile is gone.
  front_links_->rejoin(isolated_redis_->announced_port());
  isolated_redis_ = nullptr;
}

bool PhaseFaults::promoted_other_than(const store::EmbeddedRedis* isolated, Clock::time_point until) const {
  for (;;) {
    const auto* primary = stores_->redis_primary_now();
    if (primary != nullptr && primary != isolated) return true;
    if (Clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void PhaseFaults::signal(load::FaultStore store, int sig) const {
  store == load::FaultStore::redis ? stores_->embedded_redis()->signal(sig) : stores_->embedded_postgres()->signal(sig);
}

bool PhaseFaults::all_answer(const std::vector<load::HttpTarget>& instances, Clock::time_point until,
                             ProbeOps& probe_ops) const {
  std::vector<bool> answered(instances.size(), false);
  const auto everyone = [&answered] { return std::all_of(answered.begin(), answered.end(), [](bool b) { return b; }); };
  while (!everyone() && Clock::now() < until) {
    for (std::size_t i = 0; i < instances.size(); ++i) {
      if (answered[i]) continue;
      // Blocking (this thread is not an io thread); the store ops its answer
      // announces are ones the run's cross-check must count too.
      const auto answer = load::send_once(instances[i], load::requests::healthz(), std::chrono::seconds(1));
      answered[i] = answer.status == 200;
      probe_ops.redis += answer.redis_ops;
      probe_ops.pg += answer.pg_ops;
    }
    if (!everyone()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return everyone();
}

void PhaseFaults::inject(const Job& job) {
  Clock::time_point start;
  std::vector<load::HttpTarget> instances;
  RunLinks* links = nullptr;
  {
    std::lock_guard lock(mutex_);
    start = run_start_;
    instances = instances_;
    links = links_;
  }
  const auto since_start = [start] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::vector<load::FaultRecord> done;
  std::optional<std::size_t> failover;  // the record of a primary failed over (Sentinel's, or PostgreSQL's)
  Clock::time_point killed_at{};
  const store::EmbeddedRedis* isolated = nullptr;
  for (const auto& fault : job.store_faults) {
    done.push_back({fault.phase, to_string(fault.store), {}, to_string(fault.action), {}, since_start()});
    // Decided before the fault: a PostgreSQL failover leaves a standby (the dead one) behind.
    const bool fails_over = fault.store == load::FaultStore::redis
                                ? fault.action != load::FaultAction::stop && !stores_->sentinels().empty()
                                : fault.action == load::FaultAction::kill && stores_->pg_standby() != nullptr;
    if (fails_over) {
      failover = done.size() - 1;
      killed_at = Clock::now();
    }
    switch (fault.action) {
      case load::FaultAction::kill: kill(fault.store); break;
      case load::FaultAction::stop: signal(fault.store, SIGSTOP); break;
      case load::FaultAction::isolate:
        isolate();
        isolated = isolated_redis_;
        break;
    }
  }
  for (const auto& fault : job.link_faults) {
    done.push_back({fault.phase, {}, std::string(network::tier_name(fault.tier)),
                    std::string(network::fault_action_name(fault.fault.action)), network::describe(fault.fault),
                    since_start()});
    done.back().instance = fault.instance;
    links->apply(fault.tier, fault.instance, fault.fault);
  }
  ProbeOps probe_ops;
  if (failover) {
    done[*failover].failover = true;
    // A killed primary is gone (killed and reaped): a PONG can only come from
    // the one promoted. An isolated one still answers the servers: the
    // failover is done when the Sentinels name another.
    const bool promoted = isolated != nullptr ? promoted_other_than(isolated, job.ends) : all_answer(instances, job.ends, probe_ops);
    if (promoted) done[*failover].failover_s = std::chrono::duration<double>(Clock::now() - killed_at).count();
  }
  std::this_thread::sleep_until(job.ends);
  std::size_t next = 0;
  for (const auto& fault : job.store_faults) {
    switch (fault.action) {
      case load::FaultAction::kill: restart(fault.store); break;
      case load::FaultAction::stop: signal(fault.store, SIGCONT); break;
      case load::FaultAction::isolate: rejoin(); break;
    }
    done[next++].returned_s = since_start();
  }
  for (const auto& fault : job.link_faults) {
    links->lift(fault.tier, fault.instance, fault.fault.action);
    done[next++].returned_s = since_start();
  }
  if (all_answer(instances, Clock::now() + std::chrono::seconds(10), probe_ops))
    for (auto& record : done) record.reconnect_s = since_start() - record.returned_s;
  std::lock_guard lock(mutex_);
  records_.insert(records_.end(), done.begin(), done.end());
  probe_ops_.redis += probe_ops.redis;
  probe_ops_.pg += probe_ops.pg;
}

}  // namespace revbench::session

#include "harness/session/store_faults.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

namespace revbench::session {
namespace {

const char* to_string(load::FaultStore store) { return store == load::FaultStore::redis ? "redis" : "postgres"; }
const char* to_string(load::FaultAction action) { return action == load::FaultAction::kill ? "kill" : "stop"; }

// One blocking GET /healthz on a fresh connection (this thread is not an io thread).
bool healthy(const load::HttpTarget& target) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  timeval timeout{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(target.port);
  inet_pton(AF_INET, target.host.c_str(), &address.sin_addr);
  bool ok = false;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    static constexpr char request[] = "GET /healthz HTTP/1.1\r\nHost: revbench\r\nConnection: close\r\n\r\n";
    char reply[16] = {};
    if (send(fd, request, sizeof request - 1, MSG_NOSIGNAL) == static_cast<ssize_t>(sizeof request - 1) &&
        recv(fd, reply, sizeof reply - 1, MSG_WAITALL) >= 12)
      ok = std::string_view(reply + 9, 3) == "200";
  }
  close(fd);
  return ok;
}

}  // namespace

StoreFaults::StoreFaults(const store::Stores& stores) : stores_(stores), thread_([this] { work(); }) {}

StoreFaults::~StoreFaults() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void StoreFaults::require_embedded(const load::Scenario& scenario, const store::Stores* stores) {
  for (const auto& fault : scenario.faults) {
    const bool embedded = stores != nullptr && (fault.store == load::FaultStore::redis ? stores->embedded_redis() != nullptr
                                                                                      : stores->embedded_postgres() != nullptr);
    if (!embedded)
      throw std::invalid_argument("scenario " + scenario.name + " fails " + to_string(fault.store) +
                                  ": store faults need the store revbench embeds (no --target, --redis-url or --pg-url)");
  }
}

void StoreFaults::arm(const load::Scenario& scenario, std::vector<load::HttpTarget> instances) {
  std::lock_guard lock(mutex_);
  armed_ = scenario.faults;
  instances_ = std::move(instances);
  records_.clear();
  run_start_ = {};
}

void StoreFaults::phase_started(const std::string& phase, Clock::time_point ends) {
  Job job{{}, ends};
  {
    std::lock_guard lock(mutex_);
    if (run_start_ == Clock::time_point{}) run_start_ = Clock::now();
    for (const auto& fault : armed_)
      if (fault.phase == phase) job.faults.push_back(fault);
    if (job.faults.empty()) return;
    jobs_.push_back(std::move(job));
  }
  changed_.notify_all();
}

std::vector<load::FaultRecord> StoreFaults::finish() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return jobs_.empty() && !busy_; });
  armed_.clear();
  return std::move(records_);
}

void StoreFaults::work() {
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

void StoreFaults::kill(load::FaultStore store) const {
  store == load::FaultStore::redis ? stores_.embedded_redis()->kill() : stores_.embedded_postgres()->kill();
}

void StoreFaults::restart(load::FaultStore store) const {
  store == load::FaultStore::redis ? stores_.embedded_redis()->start() : stores_.embedded_postgres()->start();
}

void StoreFaults::signal(load::FaultStore store, int sig) const {
  store == load::FaultStore::redis ? stores_.embedded_redis()->signal(sig) : stores_.embedded_postgres()->signal(sig);
}

void StoreFaults::inject(const Job& job) {
  Clock::time_point start;
  std::vector<load::HttpTarget> instances;
  {
    std::lock_guard lock(mutex_);
    start = run_start_;
    instances = instances_;
  }
  const auto since_start = [start] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::vector<load::FaultRecord> done;
  for (const auto& fault : job.faults) {
    done.push_back({fault.phase, to_string(fault.store), to_string(fault.action), since_start()});
    if (fault.action == load::FaultAction::kill)
      kill(fault.store);
    else
      signal(fault.store, SIGSTOP);
  }
  std::this_thread::sleep_until(job.ends);
  for (std::size_t i = 0; i < job.faults.size(); ++i) {
    if (job.faults[i].action == load::FaultAction::kill)
      restart(job.faults[i].store);
    else
      signal(job.faults[i].store, SIGCONT);
    done[i].returned_s = since_start();
  }
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  std::vector<bool> answered(instances.size(), false);
  const auto everyone = [&answered] { return std::all_of(answered.begin(), answered.end(), [](bool b) { return b; }); };
  while (!everyone() && Clock::now() < deadline) {
    for (std::size_t i = 0; i < instances.size(); ++i)
      if (!answered[i]) answered[i] = healthy(instances[i]);
    if (!everyone()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (everyone())
    for (auto& record : done) record.reconnect_s = since_start() - record.returned_s;
  std::lock_guard lock(mutex_);
  records_.insert(records_.end(), done.begin(), done.end());
}

}  // namespace revbench::session

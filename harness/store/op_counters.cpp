#include "harness/store/op_counters.hpp"

namespace revbench::store {

std::string_view to_string(Store store) { return store == Store::redis ? "redis" : "postgres"; }

void OpCounters::add(Store store, std::string_view op, std::uint64_t n) {
  std::lock_guard lock(mutex_);
  for (auto& entry : entries_) {
    if (entry.store == store && entry.op == op) {
      entry.count += n;
      return;
    }
  }
  entries_.push_back(Entry{store, std::string(op), n});
}

std::uint64_t OpCounters::count(Store store, std::string_view op) const {
  std::lock_guard lock(mutex_);
  for (const auto& entry : entries_)
    if (entry.store == store && entry.op == op) return entry.count;
  return 0;
}

std::uint64_t OpCounters::total(Store store) const {
  std::lock_guard lock(mutex_);
  std::uint64_t sum = 0;
  for (const auto& entry : entries_)
    if (entry.store == store) sum += entry.count;
  return sum;
}

std::vector<OpCounters::Entry> OpCounters::snapshot() const {
  std::lock_guard lock(mutex_);
  return entries_;
}

}  // namespace revbench::store

#include "strategies/common/replica_reads.hpp"

#include <string>

namespace revbench::strategies {

void read_from_replica(std::span<PromiseFor> checked, std::string_view replica) {
  for (auto& p : checked) {
    if (p.promise != Promise::immediate) continue;
    p.promise = Promise::within_bound;
    p.bound = replica_lag_bound;
    p.note += "; checked on " + std::string(replica) + ", so seen once the replica applies it (its replication lag)";
  }
}

}  // namespace revbench::strategies

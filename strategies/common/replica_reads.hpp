#pragma once
// What a check that reads a replica (--read-from replica) can promise: the
// replica answers what the primary held a replication lag ago, so a
// revocation written to the primary is seen once the replica has applied it.
// Asynchronous replication bounds nothing; the promise states the lag a
// deployment that reads replicas must keep, and the verdict checks it.
#include <chrono>
#include <span>
#include <string_view>

#include "strategies/strategy.hpp"

namespace revbench::strategies {

inline constexpr std::chrono::milliseconds replica_lag_bound{1000};

// Each immediate promise among `checked` (those the replica read decides)
// becomes one within replica_lag_bound, its note saying why.
void read_from_replica(std::span<PromiseFor> checked, std::string_view replica);

}  // namespace revbench::strategies

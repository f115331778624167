#pragma once
// A population in a session's stores (contract/population.hpp): the
// bystanders once, streamed by COPY with one password hash computed once;
// each strategy's live sessions and prior revocations once, before its first
// run on these stores; and what the stores weigh as each run begins, with
// PostgreSQL's buffer hit ratio over the run. Blocking: between runs only.
#include <map>
#include <string>

#include "harness/contract/population.hpp"
#include "results/scenario_results.hpp"

namespace revbench::store {
class Stores;
}
namespace revbench::strategies {
class Strategy;
}

namespace revbench::session {

class PopulationSeeder {
 public:
  PopulationSeeder(store::Stores& stores, contract::Population population, int password_iterations);
  const contract::Population& population() const { return population_; }

  // The bystanders missing from the users table (those already there stay);
  // returns how many were added.
  long long seed_users();
  // Before a run: the strategy's part, written on the first run of its
  // state layout on these stores (variants share it); the stores' weight now.
  results::PopulationRecord before_run(const strategies::Strategy& strategy);
  // After the run: the share of PostgreSQL's block reads shared_buffers answered.
  void after_run(results::PopulationRecord& record) const;

 private:
  struct Written {
    long long live_sessions_kept = 0, prior_revocations_kept = 0;
    double seconds = 0;
    long long redis_bytes = 0;
    long long pg_bytes = 0;
  };
  struct BlockReads {
    long long hit = 0, read = 0;
  };
  BlockReads block_reads() const;

  store::Stores& stores_;
  contract::Population population_;
  int password_iterations_;
  double users_seconds_ = 0;
  bool users_reported_ = false;  // the COPY's time goes in the first run's record only
  std::map<std::string, Written, std::less<>> written_;  // by the strategies' state layout
  BlockReads at_start_;
};

}  // namespace revbench::session

#include "harness/session/metrics_feed.hpp"

namespace revbench::session {

void MetricsFeed::run_starting(const RunLabel&, const std::vector<load::HttpTarget>&) {
  accepted_after_revoke_ = 0;
  collateral_logouts_ = 0;
}

void MetricsFeed::progress(const RunLabel& run, const load::ScenarioProgress& p) {
  metrics_.add({run.strategy, run.scenario, p.requests - p.errors, p.errors, &p.latency, &p.revocation_lag,
                &p.generator_lag, p.accepted_after_revoke - accepted_after_revoke_,
                p.collateral_logouts - collateral_logouts_});
  accepted_after_revoke_ = p.accepted_after_revoke;
  collateral_logouts_ = p.collateral_logouts;
}

}  // namespace revbench::session

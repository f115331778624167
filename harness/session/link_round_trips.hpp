#pragma once
// Round trips through a run's links, measured before the run by the
// protocol each tier speaks, so that a result says at what distance it was
// measured and not only what was configured: a Redis PING (server-redis,
// subscriber-redis), an empty PostgreSQL query (server-postgres), and
// GET /api/public, which touches no store (client-server; a new connection
// each, as the link's own connect is local). Blocking: for the session's
// thread, never an io thread. Made before the run's store-op snapshot, so
// the cross-check of store ops does not see them.
#include <string>

#include "harness/load/http_connection.hpp"
#include "results/scenario_results.hpp"

namespace revbench::session {

results::RoundTrips redis_round_trips(const std::string& url, int samples);
results::RoundTrips postgres_round_trips(const std::string& url, int samples);
results::RoundTrips http_round_trips(const load::HttpTarget& target, int samples);

}  // namespace revbench::session

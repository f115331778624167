#include "harness/session/link_round_trips.hpp"

#include <hiredis.h>
#include <libpq-fe.h>

#include <boost/url/parse.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "harness/load/log_in.hpp"
#include "harness/load/scenario/contract_client.hpp"

namespace revbench::session {
namespace {

using Clock = std::chrono::steady_clock;

// The statistics of the samples taken, or why none could be.
results::RoundTrips summary(std::vector<double> seconds, std::string error) {
  results::RoundTrips trips;
  trips.error = std::move(error);
  if (seconds.empty()) return trips;
  std::sort(seconds.begin(), seconds.end());
  trips.samples = static_cast<int>(seconds.size());
  trips.min_s = seconds.front();
  trips.median_s = seconds[seconds.size() / 2];
  trips.max_s = seconds.back();
  return trips;
}

template <typename Exchange>
std::vector<double> timed(int samples, Exchange exchange) {
  std::vector<double> seconds;
  for (int i = 0; i < samples; ++i) {
    const auto start = Clock::now();
    if (!exchange()) break;
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  return seconds;
}

}  // namespace

results::RoundTrips redis_round_trips(const std::string& url, int samples) {
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_port()) return summary({}, "no host:port in the Redis URL");
  const timeval timeout{2, 0};
  const std::unique_ptr<redisContext, decltype(&redisFree)> context(
      redisConnectWithTimeout(std::string(parsed->host()).c_str(), parsed->port_number(), timeout), &redisFree);
  if (!context || context->err != 0) return summary({}, context ? context->errstr : "out of memory");
  redisSetTimeout(context.get(), timeout);
  const auto seconds = timed(samples, [&] {
    auto* reply = static_cast<redisReply*>(redisCommand(context.get(), "PING"));
    const bool ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS;
    freeReplyObject(reply);
    return ok;
  });
  return summary(seconds, static_cast<int>(seconds.size()) < samples ? "PING went unanswered" : "");
}

results::RoundTrips postgres_round_trips(const std::string& url, int samples) {
  const std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb((url + (url.find('?') == std::string::npos ? "?" : "&") +
                                                                          "connect_timeout=2")
                                                                             .c_str()),
                                                          &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) return summary({}, "cannot connect");
  // An empty query is a round trip of its own (EmptyQueryResponse) that no statement count sees.
  const auto seconds = timed(samples, [&] {
    PGresult* result = PQexec(conn.get(), "");
    const bool ok = PQresultStatus(result) == PGRES_EMPTY_QUERY;
    PQclear(result);
    return ok;
  });
  return summary(seconds, static_cast<int>(seconds.size()) < samples ? "the empty query went unanswered" : "");
}

results::RoundTrips http_round_trips(const load::HttpTarget& target, int samples) {
  const auto seconds = timed(samples, [&] {
    return load::send_once(target, load::requests::public_resource(), std::chrono::seconds(2)).status == 200;
  });
  return summary(seconds, static_cast<int>(seconds.size()) < samples ? "GET /api/public went unanswered" : "");
}

}  // namespace revbench::session

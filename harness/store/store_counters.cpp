#include "harness/store/store_counters.hpp"

#include <hiredis/hiredis.h>
#include <libpq-fe.h>

#include <memory>
#include <sstream>

#include "harness/store/redis_config.hpp"
#include "harness/store/sentinel_lookup.hpp"

namespace revbench::store {
namespace {

// Commands no request issues: the upkeep of the followers (the in-memory
// strategies' revocation feed, every strategy's key ring: subscribing,
// catching up, pruning). They are not a request's cost, and they come
// whenever a connection or a timer does. A replica's handshake and
// acknowledgements (PSYNC, REPLCONF) reach its primary likewise.
bool background_command(const std::string& line) {
  for (const char* name : {"cmdstat_info:", "cmdstat_subscribe:", "cmdstat_zscan:", "cmdstat_zremrangebyscore:",
                           "cmdstat_zrange:", "cmdstat_zremrangebyrank:", "cmdstat_psync:", "cmdstat_replconf:"})
    if (line.rfind(name, 0) == 0) return true;
  return false;
}

}  // namespace

using Reply = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;

// Whether the server flags the command read-only (COMMAND INFO's flags).
bool read_only(redisContext* context, const std::string& command) {
  Reply reply(static_cast<redisReply*>(redisCommand(context, "COMMAND INFO %s", command.c_str())), freeReplyObject);
  if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 1) return false;
  const auto* info = reply->element[0];
  if (info->type != REDIS_REPLY_ARRAY || info->elements < 3 || info->element[2]->type != REDIS_REPLY_ARRAY) return false;
  const auto* flags = info->element[2];
  for (std::size_t i = 0; i < flags->elements; ++i)
    if (flags->element[i]->type == REDIS_REPLY_STATUS && std::string_view(flags->element[i]->str) == "readonly") return true;
  return false;
}

std::optional<long long> redis_command_calls(const std::string& redis_url, bool replica) {
  RedisConfig config;
  try {
    config = aimed_at_primary(parse_redis_url(redis_url));  // under Sentinel: the primary now
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
  std::unique_ptr<redisContext, decltype(&redisFree)> context(redisConnect(config.host.c_str(), config.port), redisFree);
  if (!context || context->err != 0) return std::nullopt;
  std::unique_ptr<redisReply, decltype(&freeReplyObject)> reply(
      static_cast<redisReply*>(redisCommand(context.get(), "INFO commandstats")), freeReplyObject);
  if (!reply || reply->type != REDIS_REPLY_STRING) return std::nullopt;
  std::istringstream lines(std::string(reply->str, reply->len));
  long long calls = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("cmdstat_", 0) != 0 || background_command(line)) continue;
    if (replica && !read_only(context.get(), line.substr(8, line.find(':') - 8))) continue;
    const auto at = line.find("calls=");
    if (at != std::string::npos) calls += std::stoll(line.substr(at + 6));
  }
  return calls;
}

std::optional<long long> pg_statement_calls(const std::string& pg_url) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(pg_url.c_str()), PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) return std::nullopt;
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexec(conn.get(), "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' "
            "AND query NOT LIKE '%revbench watch%'"),
      PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) != 1) return std::nullopt;
  return std::stoll(PQgetvalue(result.get(), 0, 0));
}

}  // namespace revbench::store

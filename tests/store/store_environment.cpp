#include "store_environment.hpp"

#include <gtest/gtest.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>

#include <memory>
#include <stdexcept>

#include "harness/store/broken_pipes.hpp"
#include "harness/store/migrations.hpp"

namespace revbench::store::testing {
namespace {

class StoreEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    redis = std::make_unique<EmbeddedRedis>();
    postgres = std::make_unique<EmbeddedPostgres>();
    apply_migrations(postgres->url());
  }
  void TearDown() override {
    postgres.reset();
    redis.reset();
  }
  std::unique_ptr<EmbeddedRedis> redis;
  std::unique_ptr<EmbeddedPostgres> postgres;
};

StoreEnvironment* environment = nullptr;

}  // namespace

EmbeddedRedis& shared_redis() { return *environment->redis; }
EmbeddedPostgres& shared_postgres() { return *environment->postgres; }

std::string redis_info(std::uint16_t port, const std::string& section) {
  redisContext* context = redisConnect("127.0.0.1", port);
  if (context == nullptr || context->err != 0) throw std::runtime_error("redis_info: cannot connect");
  auto* reply = static_cast<redisReply*>(redisCommand(context, "INFO %s", section.c_str()));
  std::string text = reply != nullptr && reply->type == REDIS_REPLY_STRING ? std::string(reply->str, reply->len) : "";
  freeReplyObject(reply);
  redisFree(context);
  return text;
}

long long pg_scalar(const std::string& conninfo, const std::string& sql) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1;
  const long long value = ok ? std::stoll(PQgetvalue(result, 0, 0)) : -1;
  const std::string error = PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("pg_scalar(" + sql + "): " + error);
  return value;
}

}  // namespace revbench::store::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  revbench::store::ignore_broken_pipes();
  revbench::store::testing::environment = new revbench::store::testing::StoreEnvironment;
  ::testing::AddGlobalTestEnvironment(revbench::store::testing::environment);
  return RUN_ALL_TESTS();
}

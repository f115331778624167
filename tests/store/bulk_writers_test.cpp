// The population's writers against a real Redis and PostgreSQL: pipelined
// writes all land and are all answered, a refused one stops the writing with
// Redis's words; COPY streams rows past its buffer, a failed or abandoned
// COPY leaves no row behind.
#include <gtest/gtest.h>

#include <string>

#include "harness/store/blocking_pg.hpp"
#include "harness/store/blocking_redis.hpp"
#include "harness/store/redis_bulk_writer.hpp"
#include "store_environment.hpp"

namespace revbench::store {
namespace {

long long redis_number(const char* command, const std::string& key) {
  const auto context = connect_blocking(testing::shared_redis().port());
  const auto reply = ask(context.get(), command, key.c_str());
  return reply && reply->type == REDIS_REPLY_INTEGER ? reply->integer : -1;
}

TEST(RedisBulkWriter, EveryWriteLandsThroughManyWindows) {
  RedisBulkWriter writer("127.0.0.1", testing::shared_redis().port(), 1000);
  for (int i = 0; i < 25000; ++i) writer.write({"SADD", "bulk:members", "member-" + std::to_string(i)});
  writer.write({"EXPIRE", "bulk:members", "60"});
  EXPECT_EQ(writer.finish(), 25001);
  EXPECT_EQ(redis_number("SCARD %s", "bulk:members"), 25000);
  EXPECT_GT(redis_number("TTL %s", "bulk:members"), 0);
}

TEST(RedisBulkWriter, ARefusedWriteStopsTheWritingWithRedissWords) {
  RedisBulkWriter writer("127.0.0.1", testing::shared_redis().port(), 100);
  writer.write({"SET", "bulk:text", "not a number"});
  writer.write({"INCR", "bulk:text"});
  writer.write({"SET", "bulk:after", "1"});
  try {
    writer.finish();
    ADD_FAILURE() << "an error reply went unnoticed";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not an integer"), std::string::npos) << e.what();
  }
}

TEST(RedisBulkWriter, NothingListeningIsAnErrorAtOnce) {
  EXPECT_THROW(RedisBulkWriter("127.0.0.1", 1), std::runtime_error);
}

TEST(BlockingPg, CopyStreamsRowsPastItsBuffer) {
  BlockingPg pg(testing::shared_postgres().url());
  pg.execute("CREATE TABLE IF NOT EXISTS bulk_rows (name text PRIMARY KEY, value text NOT NULL)");
  pg.execute("TRUNCATE bulk_rows");
  BlockingPg::CopyIn copy(pg, "COPY bulk_rows (name, value) FROM STDIN");
  const std::string wide(200, 'x');  // 100,000 rows of ~220 bytes: about 20 sends of the 1 MiB buffer
  for (int i = 0; i < 100000; ++i) copy.row({"row-" + std::to_string(i), wide});
  EXPECT_EQ(copy.finish(), 100000);
  EXPECT_EQ(pg.scalar("SELECT count(*) FROM bulk_rows"), 100000);
  EXPECT_EQ(pg.query("SELECT value FROM bulk_rows WHERE name = $1", {"row-99999"}),
            (BlockingPg::Rows{{wide}}));
  EXPECT_EQ(pg.execute("DELETE FROM bulk_rows WHERE name LIKE $1", {"row-1%"}), 11111);
}

TEST(BlockingPg, AFailedOrAbandonedCopyLeavesNoRow) {
  BlockingPg pg(testing::shared_postgres().url());
  pg.execute("CREATE TABLE IF NOT EXISTS bulk_unique (name text PRIMARY KEY)");
  pg.execute("TRUNCATE bulk_unique");
  {
    BlockingPg::CopyIn copy(pg, "COPY bulk_unique (name) FROM STDIN");
    copy.row({"twice"});
    copy.row({"twice"});
    try {
      copy.finish();
      ADD_FAILURE() << "a duplicate key was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("duplicate key"), std::string::npos) << e.what();
    }
  }
  {
    BlockingPg::CopyIn copy(pg, "COPY bulk_unique (name) FROM STDIN");
    copy.row({"abandoned"});
  }  // no finish(): the COPY is cancelled
  EXPECT_EQ(pg.scalar("SELECT count(*) FROM bulk_unique"), 0);
  EXPECT_EQ(pg.scalar("SELECT 41 + 1"), 42);  // the connection is usable after both
}

TEST(BlockingPg, ABadStatementNamesWhatTheServerSaid) {
  BlockingPg pg(testing::shared_postgres().url());
  try {
    pg.query("SELECT * FROM no_such_table");
    ADD_FAILURE() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
  }
  EXPECT_THROW(BlockingPg("host=127.0.0.1 port=1 user=nobody dbname=none connect_timeout=1"), std::runtime_error);
}

}  // namespace
}  // namespace revbench::store

#include "harness/store/migrations.hpp"

#include <gtest/gtest.h>

#include "store_environment.hpp"

namespace revbench::store {
namespace {

TEST(Migrations, AreNumberedInOrderAndApplyOnce) {
  const auto all = migrations();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].version, all[i].version);

  const std::string url = testing::shared_postgres().url();  // migrated by the environment
  EXPECT_EQ(apply_migrations(url), 0);
  EXPECT_EQ(testing::pg_scalar(url, "SELECT count(*) FROM schema_migrations"), static_cast<long long>(all.size()));
  EXPECT_EQ(testing::pg_scalar(url, "SELECT max(version) FROM schema_migrations"), all.back().version);
  EXPECT_GE(testing::pg_scalar(url, "SELECT count(*) FROM users"), 0);
}

TEST(Migrations, FailureNamesTheDatabase) {
  EXPECT_THROW(apply_migrations("host=127.0.0.1 port=1 user=nobody dbname=none connect_timeout=1"), std::runtime_error);
}

}  // namespace
}  // namespace revbench::store

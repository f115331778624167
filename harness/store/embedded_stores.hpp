#pragma once
// The stores a run uses: the URLs it was given, or embedded servers started
// for it. Either way the schema is migrated before anything connects.
#include <memory>
#include <optional>
#include <string>

#include "harness/store/embedded_postgres.hpp"
#include "harness/store/embedded_redis.hpp"

namespace revbench::store {

class Stores {
 public:
  Stores(std::optional<std::string> redis_url, std::optional<std::string> pg_url);

  const std::string& redis_url() const { return redis_url_; }
  const std::string& pg_url() const { return pg_url_; }
  EmbeddedRedis* embedded_redis() const { return redis_.get(); }
  EmbeddedPostgres* embedded_postgres() const { return postgres_.get(); }

 private:
  std::unique_ptr<EmbeddedRedis> redis_;
  std::unique_ptr<EmbeddedPostgres> postgres_;
  std::string redis_url_;
  std::string pg_url_;
};

}  // namespace revbench::store

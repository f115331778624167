#include "harness/store/embedded_stores.hpp"

#include "harness/store/migrations.hpp"

namespace revbench::store {

Stores::Stores(std::optional<std::string> redis_url, std::optional<std::string> pg_url) {
  if (redis_url) {
    redis_url_ = *redis_url;
  } else {
    redis_ = std::make_unique<EmbeddedRedis>();
    redis_url_ = redis_->url();
  }
  if (pg_url) {
    pg_url_ = *pg_url;
  } else {
    postgres_ = std::make_unique<EmbeddedPostgres>();
    pg_url_ = postgres_->url();
  }
  apply_migrations(pg_url_);
}

}  // namespace revbench::store

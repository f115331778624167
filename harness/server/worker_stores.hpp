#pragma once
// One worker thread's store connections: what a request (and anything it
// leaves running on that thread) talks to the stores through.
namespace revbench::store {
class RedisClient;
class PgClient;
}  // namespace revbench::store

namespace revbench::server {

struct WorkerStores {
  store::RedisClient& redis;
  store::PgClient& pg;
  // The replicas the hot path reads from (--read-from replica), else null.
  store::RedisClient* redis_replica = nullptr;
  store::PgClient* pg_replica = nullptr;
};

}  // namespace revbench::server

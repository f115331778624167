#include "harness/server/seed.hpp"

#include <libpq-fe.h>

#include <cstdio>
#include <stdexcept>

#include "harness/contract/seeded_users.hpp"
#include "harness/server/password_hash.hpp"

namespace revbench::server {

int seed_users(const std::string& pg_url, int count, int password_iterations) {
  PGconn* conn = PQconnectdb(pg_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("seed: cannot connect: " + error);
  }
  int added = 0;
  constexpr int batch = 2000;
  for (int first = 1; first <= count; first += batch) {
    // Names and hashes hold no commas, quotes or braces: array literals are safe.
    std::string names = "{";
    std::string hashes = "{";
    for (int i = first; i < first + batch && i <= count; ++i) {
      const std::string user = contract::seeded_user(i);
      if (i != first) {
        names += ',';
        hashes += ',';
      }
      names += user;
      hashes += hash_password(contract::seeded_password(user), password_iterations);
    }
    names += "}";
    hashes += "}";
    const char* params[] = {names.c_str(), hashes.c_str()};
    PGresult* result = PQexecParams(conn,
                                    "INSERT INTO users (name, password_hash) SELECT * FROM unnest($1::text[], $2::text[]) "
                                    "ON CONFLICT (name) DO NOTHING",
                                    2, nullptr, params, nullptr, nullptr, 0);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      const std::string error = PQresultErrorMessage(result);
      PQclear(result);
      PQfinish(conn);
      throw std::runtime_error("seed: " + error);
    }
    added += std::atoi(PQcmdTuples(result));
    PQclear(result);
  }
  PQfinish(conn);
  return added;
}

}  // namespace revbench::server

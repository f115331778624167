#include "harness/store/pg_result.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace revbench::store {

PgResult::PgResult(pg_result* owned) : result_(owned) {}

void PgResult::Deleter::operator()(pg_result* result) const { PQclear(result); }

int PgResult::rows() const { return result_ ? PQntuples(result_.get()) : 0; }
int PgResult::columns() const { return result_ ? PQnfields(result_.get()) : 0; }

bool PgResult::is_null(int row, int column) const {
  return !result_ || PQgetisnull(result_.get(), row, column) == 1;
}

std::string_view PgResult::get(int row, int column) const {
  if (!result_ || row >= rows() || column >= columns()) return {};
  return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

long PgResult::affected() const {
  if (!result_) return 0;
  const char* text = PQcmdTuples(result_.get());
  return text != nullptr && *text != '\0' ? std::strtol(text, nullptr, 10) : 0;
}

}  // namespace revbench::store

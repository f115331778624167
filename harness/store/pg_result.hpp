#pragma once
// An owned libpq result (text format), read by row and column.
#include <memory>
#include <optional>
#include <string_view>

struct pg_result;

namespace revbench::store {

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* owned);

  int rows() const;
  int columns() const;
  bool is_null(int row, int column) const;
  std::string_view get(int row, int column) const;
  // Rows changed by INSERT/UPDATE/DELETE.
  long affected() const;

 private:
  struct Deleter {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Deleter> result_;
};

}  // namespace revbench::store

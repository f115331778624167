#pragma once
// A blocking conversation with PostgreSQL, for threads that serve no
// requests (start-up, a population, the figures taken around a run):
// statements with text parameters, rows as text, and COPY ... FROM STDIN
// for rows by the million. Every failure throws with the server's words.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace revbench::store {

class BlockingPg {
 public:
  explicit BlockingPg(const std::string& url);  // throws std::runtime_error when it cannot connect
  ~BlockingPg();
  BlockingPg(const BlockingPg&) = delete;
  BlockingPg& operator=(const BlockingPg&) = delete;

  using Rows = std::vector<std::vector<std::string>>;
  // The statement's rows, every value as text (NULL as "").
  Rows query(const std::string& sql, const std::vector<std::string>& params = {});
  // The first value of the first row, as a number (0 when there is none).
  long long scalar(const std::string& sql, const std::vector<std::string>& params = {});
  // How many rows the statement touched.
  long long execute(const std::string& sql, const std::vector<std::string>& params = {});

  // Rows streamed into `COPY table (columns) FROM STDIN` (text format), sent
  // a megabyte at a time; finish() returns how many went in. Values must not
  // hold tabs, newlines or backslashes (the callers' names and digests do not).
  class CopyIn {
   public:
    CopyIn(BlockingPg& pg, const std::string& copy_statement);
    ~CopyIn();  // an unfinished COPY is abandoned: none of its rows stay
    CopyIn(const CopyIn&) = delete;
    CopyIn& operator=(const CopyIn&) = delete;
    void row(std::initializer_list<std::string_view> values);
    long long finish();

   private:
    void send();
    BlockingPg& pg_;
    std::string buffer_;
    bool open_ = true;
  };

 private:
  friend class CopyIn;
  struct ResultDeleter {
    void operator()(pg_result* result) const;
  };
  using Result = std::unique_ptr<pg_result, ResultDeleter>;
  // The statement's result once it succeeded (rows or none).
  Result run(const std::string& sql, const std::vector<std::string>& params);
  [[noreturn]] void fail(const std::string& what) const;
  pg_conn* conn_;
};

}  // namespace revbench::store

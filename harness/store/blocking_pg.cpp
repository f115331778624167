#include "harness/store/blocking_pg.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <stdexcept>

namespace revbench::store {
namespace {

constexpr std::size_t copy_chunk = 1 << 20;

}  // namespace

BlockingPg::BlockingPg(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(conn_);
    PQfinish(conn_);
    throw std::runtime_error("postgres: cannot connect: " + error);
  }
}

BlockingPg::~BlockingPg() { PQfinish(conn_); }

void BlockingPg::fail(const std::string& what) const {
  std::string error = PQerrorMessage(conn_);
  while (!error.empty() && error.back() == '\n') error.pop_back();
  throw std::runtime_error("postgres: " + what + ": " + error);
}

void BlockingPg::ResultDeleter::operator()(pg_result* result) const { PQclear(result); }

BlockingPg::Result BlockingPg::run(const std::string& sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  Result result(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                             nullptr, 0));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(sql.substr(0, sql.find(' ')));
  return result;
}

BlockingPg::Rows BlockingPg::query(const std::string& sql, const std::vector<std::string>& params) {
  const auto result = run(sql, params);
  Rows rows(PQntuples(result.get()));
  for (int r = 0; r < PQntuples(result.get()); ++r)
    for (int c = 0; c < PQnfields(result.get()); ++c) rows[r].emplace_back(PQgetvalue(result.get(), r, c));
  return rows;
}

long long BlockingPg::scalar(const std::string& sql, const std::vector<std::string>& params) {
  const auto rows = query(sql, params);
  if (rows.empty() || rows[0].empty() || rows[0][0].empty()) return 0;
  return std::atoll(rows[0][0].c_str());
}

long long BlockingPg::execute(const std::string& sql, const std::vector<std::string>& params) {
  return std::atoll(PQcmdTuples(run(sql, params).get()));
}

BlockingPg::CopyIn::CopyIn(BlockingPg& pg, const std::string& copy_statement) : pg_(pg) {
  Result result(PQexec(pg_.conn_, copy_statement.c_str()));
  if (PQresultStatus(result.get()) != PGRES_COPY_IN) pg_.fail("COPY");
  buffer_.reserve(copy_chunk + 4096);
}

BlockingPg::CopyIn::~CopyIn() {
  if (!open_) return;
  PQputCopyEnd(pg_.conn_, "abandoned");
  while (PGresult* result = PQgetResult(pg_.conn_)) PQclear(result);
}

void BlockingPg::CopyIn::row(std::initializer_list<std::string_view> values) {
  bool first = true;
  for (const auto value : values) {
    if (!first) buffer_ += '\t';
    buffer_ += value;
    first = false;
  }
  buffer_ += '\n';
  if (buffer_.size() >= copy_chunk) send();
}

void BlockingPg::CopyIn::send() {
  if (!buffer_.empty() && PQputCopyData(pg_.conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    pg_.fail("COPY");
  buffer_.clear();
}

long long BlockingPg::CopyIn::finish() {
  send();
  open_ = false;
  if (PQputCopyEnd(pg_.conn_, nullptr) != 1) pg_.fail("COPY");
  Result result(PQgetResult(pg_.conn_));
  const bool ok = PQresultStatus(result.get()) == PGRES_COMMAND_OK;
  const long long rows = ok ? std::atoll(PQcmdTuples(result.get())) : 0;
  std::string error = ok ? "" : PQresultErrorMessage(result.get());
  while (PGresult* rest = PQgetResult(pg_.conn_)) PQclear(rest);
  if (!ok) {
    while (!error.empty() && error.back() == '\n') error.pop_back();
    throw std::runtime_error("postgres: COPY: " + error);
  }
  return rows;
}

}  // namespace revbench::store

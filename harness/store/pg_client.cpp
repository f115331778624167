#include "harness/store/pg_client.hpp"

#include "harness/store/in_flight_gate.hpp"

#include <libpq-fe.h>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <deque>
#include <optional>
#include <span>
#include <string>

#include "harness/store/foreign_socket.hpp"
#include "harness/store/reply_queue.hpp"

namespace revbench::store {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using ResultHandler = asio::any_completion_handler<void(StoreResult<PgResult>)>;

namespace detail {
namespace {

std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

class PgConnection : public std::enable_shared_from_this<PgConnection> {
 public:
  PgConnection(asio::any_io_executor executor, std::shared_ptr<const PgConfig> config, OpCounters& counters)
      : executor_(std::move(executor)),
        config_(std::move(config)),
        counters_(counters),
        socket_(executor_),
        deadline_timer_(executor_),
        reconnect_timer_(executor_),
        backoff_(config_->reconnect_min) {}

  void start() { connect(); }

  void close() {
    closing_ = true;
    reconnect_timer_.cancel();
    deadline_timer_.cancel();
    drop_connection("client closed");
  }

  bool ready() const { return ready_; }
  bool connecting() const { return conn_ != nullptr && !ready_; }
  std::size_t load() const { return inflight_.size() + unsent_.size(); }
  std::size_t peak_in_flight() const { return peak_in_flight_; }

  void submit(std::string_view statement, std::span<const PgParam> params, OpTally* tally, ResultHandler handler) {
    // Between two tries (the last one refused) the store is down; while a
    // connection is being made, a query waits for it as for an answer.
    if (conn_ == nullptr) return complete(std::move(handler), StoreError{Fault::unavailable, unavailable_message()});
    if (load() >= config_->max_in_flight)
      return complete(std::move(handler),
                      StoreError{Fault::unavailable, "postgres: " + std::to_string(load()) + " queries unanswered"});
    // Text parameters travel NUL-terminated: one with a NUL inside would
    // reach the server cut short, and match another row than the caller meant.
    for (const auto& param : params)
      if (param && param->find('\0') != std::string_view::npos)
        return complete(std::move(handler), StoreError{Fault::server_error, "a text parameter holds a NUL byte"});
    // A query is a store op of the caller's once it leaves (send): one that
    // waits for a handshake that never completes reached no store.
    const auto deadline = Clock::now() + config_->query_timeout;
    if (!ready_) {
      Unsent query{std::string(statement), {}, std::move(handler), deadline, tally};
      query.values.reserve(params.size());
      for (const auto& param : params) query.values.emplace_back(param ? std::optional<std::string>(*param) : std::nullopt);
      unsent_.push_back(std::move(query));
      peak_in_flight_ = std::max(peak_in_flight_, load());
      return arm_deadline();
    }
    // libpq wants NUL-terminated texts: copies on the stack for the usual few
    // parameters, reserved first so the pointers into them stay put.
    boost::container::small_vector<std::string, 4> texts;
    boost::container::small_vector<const char*, 4> values;
    texts.reserve(params.size());
    for (const auto& param : params) {
      if (param) texts.emplace_back(*param);
      values.push_back(param ? texts.back().c_str() : nullptr);
    }
    send(std::string(statement).c_str(), values, std::move(handler), deadline, tally);
    if (conn_ == nullptr) return;
    flush();
    arm_deadline();
  }

 private:
  struct Pending {
    ResultHandler handler;  // empty for the connection's own PREPAREs
    Clock::time_point deadline;
    bool done = false;
    PGresult* result = nullptr;
  };

  // A query waiting for its connection to be made.
  struct Unsent {
    std::string statement;
    std::vector<std::optional<std::string>> values;
    ResultHandler handler;
    Clock::time_point deadline;
    OpTally* tally;  // the caller's, alive until the handler runs
  };

  void send(Unsent query) {
    boost::container::small_vector<const char*, 4> values;
    for (const auto& value : query.values) values.push_back(value ? value->c_str() : nullptr);
    send(query.statement.c_str(), values, std::move(query.handler), query.deadline, query.tally);
  }

  void send(const char* statement, std::span<const char* const> values, ResultHandler handler,
            Clock::time_point deadline, OpTally* tally) {
    if (PQsendQueryPrepared(conn_, statement, static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0) != 1 ||
        PQpipelineSync(conn_) != 1) {
      complete(std::move(handler), StoreError{Fault::unavailable, trimmed(PQerrorMessage(conn_))});
      return drop_connection(trimmed(PQerrorMessage(conn_)));
    }
    counters_.add(Store::postgres, statement);
    if (tally != nullptr) ++tally->postgres;
    inflight_.push(new Pending{std::move(handler), deadline});
    peak_in_flight_ = std::max(peak_in_flight_, load());
  }

  std::string unavailable_message() const {
    return "postgres unavailable" + (last_error_.empty() ? std::string() : ": " + last_error_);
  }

  void complete(ResultHandler handler, StoreResult<PgResult> result) {
    asio::post(executor_, asio::append(std::move(handler), std::move(result)));
  }

  void connect() {
    conn_ = PQconnectStart(config_->conninfo.c_str());
    if (conn_ == nullptr || PQstatus(conn_) == CONNECTION_BAD) {
      last_error_ = conn_ ? trimmed(PQerrorMessage(conn_)) : "out of memory";
      PQfinish(conn_);
      conn_ = nullptr;
      return schedule_reconnect();
    }
    PQsetnonblocking(conn_, 1);
    watch_connect();
    poll_connect(PGRES_POLLING_WRITING);
  }

  // A handshake gets the queries' timeout: one that goes silent (a peer gone
  // mid-way) would otherwise hold the connection, and its waiting queries,
  // for as long as TCP keeps retrying.
  void watch_connect() {
    const auto attempt = ++connect_attempts_;
    reconnect_timer_.expires_after(config_->query_timeout);
    reconnect_timer_.async_wait([self = shared_from_this(), attempt](boost::system::error_code ec) {
      if (ec || self->closing_ || attempt != self->connect_attempts_ || !self->connecting()) return;
      self->drop_connection("connecting: no answer for " + std::to_string(self->config_->query_timeout.count()) + " ms");
    });
  }

  // libpq's non-blocking connect: wait for what PQconnectPoll asked for, poll again.
  void poll_connect(PostgresPollingStatusType want) {
    // libpq opens a socket for each host it tries (one refused, one that is
    // a standby when a primary is wanted), often under the number of the one
    // it closed, which the reactor then never watches again: watch it afresh.
    socket_.detach();
    socket_.attach(PQsocket(conn_));
    auto step = [self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->conn_ == nullptr || self->closing_) return;
      switch (PQconnectPoll(self->conn_)) {
        case PGRES_POLLING_OK: return self->on_connected();
        case PGRES_POLLING_FAILED: return self->drop_connection(trimmed(PQerrorMessage(self->conn_)));
        case PGRES_POLLING_READING: return self->poll_connect(PGRES_POLLING_READING);
        default: return self->poll_connect(PGRES_POLLING_WRITING);
      }
    };
    if (want == PGRES_POLLING_READING)
      socket_.wait_readable(std::move(step));
    else
      socket_.wait_writable(std::move(step));
  }

  void on_connected() {
    if (PQenterPipelineMode(conn_) != 1) return drop_connection("cannot enter pipeline mode");
    for (const auto& statement : config_->statements) {
      if (PQsendPrepare(conn_, statement.name.c_str(), statement.sql.c_str(), 0, nullptr) != 1 ||
          PQpipelineSync(conn_) != 1)
        return drop_connection(trimmed(PQerrorMessage(conn_)));
      inflight_.push(new Pending{{}, Clock::now() + config_->query_timeout});
    }
    ready_ = true;
    ++connect_attempts_;  // the handshake's watch is over
    last_heard_ = Clock::now();
    last_error_.clear();
    backoff_ = config_->reconnect_min;
    auto waiting = std::move(unsent_);
    unsent_.clear();
    const auto now = Clock::now();
    for (auto& query : waiting) {
      if (conn_ == nullptr) {  // the connection failed under a send: the rest learn it
        complete(std::move(query.handler), StoreError{Fault::unavailable, unavailable_message()});
      } else if (query.deadline > now) {
        send(std::move(query));
      } else {
        complete(std::move(query.handler), StoreError{Fault::timeout, "postgres did not answer within " +
                                                                          std::to_string(config_->query_timeout.count()) + " ms"});
      }
    }
    if (conn_ == nullptr) return;
    flush();
    read_loop();
    arm_deadline();
  }

  void read_loop() {
    socket_.wait_readable([self = shared_from_this()](boost::system::error_code ec) {
      if (ec || self->conn_ == nullptr) return;
      if (PQconsumeInput(self->conn_) != 1) return self->drop_connection(trimmed(PQerrorMessage(self->conn_)));
      self->last_heard_ = Clock::now();
      self->drain();
      if (self->conn_ == nullptr) return;
      if (self->flush_pending_) self->flush();
      self->read_loop();
    });
  }

  // Each query yields: its result, a null, then PGRES_PIPELINE_SYNC.
  void drain() {
    bool after_null = false;
    while (!inflight_.empty() && PQisBusy(conn_) == 0) {
      PGresult* result = PQgetResult(conn_);
      if (result == nullptr) {
        if (after_null) break;  // nothing more until the server sends more
        after_null = true;
        continue;
      }
      after_null = false;
      Pending* pending = inflight_.front();
      if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) {
        PQclear(result);
        inflight_.pop_front();
        deliver(pending);
      } else if (pending->result == nullptr) {
        pending->result = result;
      } else {
        PQclear(result);
      }
    }
  }

  void deliver(Pending* pending) {
    PGresult* result = pending->result;
    if (!pending->handler) {
      if (result != nullptr && PQresultStatus(result) == PGRES_FATAL_ERROR)
        last_error_ = "PREPARE failed: " + trimmed(PQresultErrorMessage(result));
      PQclear(result);
    } else if (pending->done) {
      PQclear(result);
    } else if (result == nullptr) {
      complete(std::move(pending->handler), StoreError{Fault::server_error, "no result"});
    } else if (const auto status = PQresultStatus(result); status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      complete(std::move(pending->handler), PgResult(result));
    } else {
      std::string message = trimmed(PQresultErrorMessage(result));
      PQclear(result);
      complete(std::move(pending->handler), StoreError{Fault::server_error, std::move(message)});
    }
    delete pending;
  }

  void flush() {
    const int rc = PQflush(conn_);
    if (rc < 0) return drop_connection(trimmed(PQerrorMessage(conn_)));
    flush_pending_ = rc == 1;
    if (flush_pending_ && !write_waiting_) {
      write_waiting_ = true;
      socket_.wait_writable([self = shared_from_this()](boost::system::error_code ec) {
        self->write_waiting_ = false;
        if (!ec && self->conn_ != nullptr && self->flush_pending_) self->flush();
      });
    }
  }

  // The connection is gone (or closing): every waiting caller learns it now.
  void drop_connection(const std::string& reason) {
    if (!reason.empty()) last_error_ = reason;
    ready_ = false;
    flush_pending_ = false;
    socket_.detach();
    while (!inflight_.empty()) {
      Pending* pending = inflight_.pop_front();
      PQclear(pending->result);
      if (pending->handler && !pending->done)
        complete(std::move(pending->handler), StoreError{Fault::unavailable, unavailable_message()});
      delete pending;
    }
    for (auto& query : unsent_) complete(std::move(query.handler), StoreError{Fault::unavailable, unavailable_message()});
    unsent_.clear();
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = nullptr;
    schedule_reconnect();
  }

  void schedule_reconnect() {
    if (closing_) return;
    reconnect_timer_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, config_->reconnect_max);
    reconnect_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec && !self->closing_ && self->conn_ == nullptr) self->connect();
    });
  }

  std::optional<Clock::time_point> next_deadline() const {
    auto deadline = inflight_.next_deadline();
    if (!unsent_.empty() && (!deadline || unsent_.front().deadline < *deadline)) deadline = unsent_.front().deadline;
    return deadline;
  }

  void arm_deadline() {
    const auto deadline = next_deadline();
    if (deadline_armed_ || !deadline) return;
    deadline_armed_ = true;
    deadline_timer_.expires_at(*deadline);
    deadline_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      self->deadline_armed_ = false;
      if (ec || self->closing_) return;
      const auto now = Clock::now();
      bool expired = false;
      const auto timed_out = [&](ResultHandler& handler) {
        self->complete(std::move(handler), StoreError{Fault::timeout, "postgres did not answer within " +
                                                                          std::to_string(self->config_->query_timeout.count()) +
                                                                          " ms"});
      };
      self->inflight_.expire_overdue(now, [&](Pending& pending) {
        expired = true;
        if (pending.handler) timed_out(pending.handler);
      });
      while (!self->unsent_.empty() && self->unsent_.front().deadline <= now) {
        timed_out(self->unsent_.front().handler);
        self->unsent_.pop_front();
      }
      // Nothing heard for a whole timeout: a half-open connection. Every
      // later query would queue behind the lost ones; start again.
      if (expired && self->conn_ != nullptr && now - self->last_heard_ >= self->config_->query_timeout &&
          !self->socket_.has_bytes_waiting())
        return self->drop_connection("no answer for " + std::to_string(self->config_->query_timeout.count()) +
                                     " ms: connection dropped");
      self->arm_deadline();
    });
  }

  asio::any_io_executor executor_;
  std::shared_ptr<const PgConfig> config_;
  OpCounters& counters_;
  PGconn* conn_ = nullptr;
  ForeignSocket socket_;
  bool ready_ = false;
  bool closing_ = false;
  bool flush_pending_ = false;
  Clock::time_point last_heard_{};  // the last bytes read, or the connect
  bool write_waiting_ = false;
  ReplyQueue<Pending> inflight_;  // sent, awaiting their replies
  std::deque<Unsent> unsent_;     // waiting for the connection being made
  std::uint64_t connect_attempts_ = 0;
  asio::steady_timer deadline_timer_;
  bool deadline_armed_ = false;
  asio::steady_timer reconnect_timer_;
  std::chrono::milliseconds backoff_;
  std::string last_error_;
  std::size_t peak_in_flight_ = 0;
};

}  // namespace detail

PgClient::PgClient(asio::any_io_executor executor, PgConfig config, OpCounters& counters)
    : config_(std::make_shared<const PgConfig>(std::move(config))),
      gate_(std::make_shared<InFlightGate>(executor, config_->pipelining ? 0 : std::max<std::size_t>(1, config_->pool_size))) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, config_->pool_size); ++i) {
    pool_.push_back(std::make_shared<detail::PgConnection>(executor, config_, counters));
    pool_.back()->start();
  }
}

PgClient::~PgClient() {
  for (auto& connection : pool_) connection->close();
}

asio::awaitable<StoreResult<PgResult>> PgClient::query(std::string_view statement, std::span<const PgParam> params,
                                                       OpTally* tally) {
  auto gate = gate_;  // a copy: the client may go while this waits
  co_await gate->enter();
  // The least loaded ready connection, else the least loaded one being made
  // (the query waits for it); none of either means the store is down.
  const auto least_loaded = [this](auto usable) {
    std::shared_ptr<detail::PgConnection> chosen;
    for (const auto& connection : pool_)
      if (usable(*connection) && (!chosen || connection->load() < chosen->load())) chosen = connection;
    return chosen;
  };
  auto chosen = least_loaded([](const detail::PgConnection& c) { return c.ready(); });
  if (!chosen) chosen = least_loaded([](const detail::PgConnection& c) { return c.connecting(); });
  if (!chosen) chosen = pool_.front();
  auto result = co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(StoreResult<PgResult>)>(
      [&](auto handler) { chosen->submit(statement, params, tally, std::move(handler)); }, asio::use_awaitable);
  gate->leave();
  if (!result && result.error().fault != Fault::server_error && tally != nullptr) ++tally->postgres_unreachable;
  co_return result;
}

std::size_t PgClient::connected_count() const {
  return static_cast<std::size_t>(
      std::count_if(pool_.begin(), pool_.end(), [](const auto& connection) { return connection->ready(); }));
}

std::size_t PgClient::peak_in_flight() const {
  std::size_t peak = 0;
  for (const auto& connection : pool_) peak = std::max(peak, connection->peak_in_flight());
  return peak;
}

}  // namespace revbench::store

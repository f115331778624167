#include "harness/store/redis_client.hpp"

#include "harness/store/in_flight_gate.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/append.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

#include "harness/store/foreign_socket.hpp"
#include "harness/store/hiredis_reply.hpp"
#include "harness/store/reply_queue.hpp"

namespace revbench::store {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using ReplyHandler = asio::any_completion_handler<void(StoreResult<RedisReply>)>;

namespace detail {

// Owns the hiredis context and the Asio descriptor watching its socket.
// Lives in a shared_ptr so that pending waits and timers keep it alive.
class RedisConnection : public std::enable_shared_from_this<RedisConnection> {
 public:
  RedisConnection(asio::any_io_executor executor, RedisConfig config, OpCounters& counters)
      : executor_(std::move(executor)),
        config_(std::move(config)),
        counters_(counters),
        socket_(executor_),
        deadline_timer_(executor_),
        reconnect_timer_(executor_),
        backoff_(config_.reconnect_min) {}

  void start() { connect(); }

  void close() {
    closing_ = true;
    reconnect_timer_.cancel();
    deadline_timer_.cancel();
    if (context_ != nullptr) redisAsyncFree(context_);  // runs pending callbacks with no reply
  }

  bool connected() const { return context_ != nullptr && connected_; }

  // Another server from now on (a failover's new primary): the commands in
  // flight to the old one fail as unavailable, and the next go to the new.
  void retarget(const RedisEndpoint& to) {
    if (closing_ || (to.host == config_.host && to.port == config_.port)) return;
    config_.host = to.host;
    config_.port = to.port;
    backoff_ = config_.reconnect_min;
    if (context_ != nullptr) {
      last_error_ = "the primary moved to " + to.host + ":" + std::to_string(to.port);
      redisAsyncFree(context_);  // fails what is in flight, then on_cleanup reconnects, to the new address
    } else {
      reconnect_timer_.cancel();
      connect();
    }
  }

  std::uint64_t write_events() const { return write_events_; }
  std::size_t peak_in_flight() const { return peak_in_flight_; }
  const RedisConfig& config() const { return config_; }
  const asio::any_io_executor& executor() const { return executor_; }

  void submit(std::span<const std::string_view> args, OpTally* tally, ReplyHandler handler) {
    if (args.empty()) return complete(std::move(handler), StoreError{Fault::server_error, "empty command"});
    if (context_ == nullptr)
      return complete(std::move(handler), StoreError{Fault::unavailable, unavailable_message()});
    if (inflight_.size() >= config_.max_in_flight)
      return complete(std::move(handler), StoreError{Fault::unavailable, "redis " + config_.host + ":" +
                                                                             std::to_string(config_.port) + ": " +
                                                                             std::to_string(inflight_.size()) +
                                                                             " commands unanswered"});

    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(args.size());
    lengths.reserve(args.size());
    for (auto arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    auto* pending = new Pending{std::move(handler), Clock::now() + config_.command_timeout};
    if (redisAsyncCommandArgv(context_, &RedisConnection::on_reply, pending, static_cast<int>(args.size()),
                              argv.data(), lengths.data()) != REDIS_OK) {
      auto h = std::move(pending->handler);
      delete pending;
      return complete(std::move(h), StoreError{Fault::unavailable, unavailable_message()});
    }
    inflight_.push(pending);
    peak_in_flight_ = std::max(peak_in_flight_, inflight_.size());
    count(args.front(), tally);
    arm_deadline();
    // The first command of a wave leaves at once, so Redis starts on it while
    // this thread reads the rest of the wave; the commands submitted while it
    // is answered go out together in the next write. (Before the connect
    // completes, the socket's turning writable says when: hiredis would take
    // a connect still in progress for a finished one.)
    if (inflight_.size() == 1 && connected_) write();
  }

 private:
  struct Pending {
    ReplyHandler handler;
    Clock::time_point deadline;
    bool done = false;  // timed out: the reply, when it comes, is dropped
  };

  void count(std::string_view command, OpTally* tally) {
    std::string op(command);
    std::transform(op.begin(), op.end(), op.begin(), [](unsigned char c) { return std::tolower(c); });
    counters_.add(Store::redis, op);
    if (tally != nullptr) ++tally->redis;
  }

  std::string unavailable_message() const {
    return "redis " + config_.host + ":" + std::to_string(config_.port) + " unavailable" +
           (last_error_.empty() ? std::string() : ": " + last_error_);
  }

  // Completions are posted, never run inside hiredis's callback, so a caller
  // can issue its next command or drop the client without re-entering hiredis.
  void complete(ReplyHandler handler, StoreResult<RedisReply> result) {
    asio::post(executor_, asio::append(std::move(handler), std::move(result)));
  }

  void connect() {
    connected_ = false;
    redisAsyncContext* context = redisAsyncConnect(config_.host.c_str(), config_.port);
    if (context == nullptr) {
      last_error_ = "out of memory";
      return schedule_reconnect();
    }
    if (context->err != 0) {
      last_error_ = context->errstr;
      redisAsyncFree(context);
      return schedule_reconnect();
    }
    context_ = context;
    context_->data = this;
    context_->ev.data = this;
    context_->ev.addRead = [](void* self) { static_cast<RedisConnection*>(self)->want_read(true); };
    context_->ev.delRead = [](void* self) { static_cast<RedisConnection*>(self)->want_read(false); };
    context_->ev.addWrite = [](void* self) { static_cast<RedisConnection*>(self)->want_write(true); };
    context_->ev.delWrite = [](void* self) { static_cast<RedisConnection*>(self)->want_write(false); };
    context_->ev.cleanup = [](void* self) { static_cast<RedisConnection*>(self)->on_cleanup(); };
    redisAsyncSetConnectCallback(context_, &RedisConnection::on_connect);
    socket_.attach(context_->c.fd);
    want_write(true);  // a non-blocking connect completes when the socket turns writable
  }

  static void on_connect(const redisAsyncContext* context, int status) {
    auto* self = static_cast<RedisConnection*>(context->data);
    if (status == REDIS_OK) {
      self->connected_ = true;
      self->last_heard_ = Clock::now();
      self->last_error_.clear();
      self->backoff_ = self->config_.reconnect_min;
    } else {
      self->last_error_ = context->errstr;  // hiredis frees the context next: on_cleanup
    }
  }

  static void on_reply(redisAsyncContext* context, void* raw, void* privdata) {
    auto* self = static_cast<RedisConnection*>(context->data);
    auto* pending = static_cast<Pending*>(privdata);
    self->finish(pending, static_cast<redisReply*>(raw), context->errstr);
  }

  void finish(Pending* pending, const redisReply* reply, const char* errstr) {
    // Replies come in submission order, so the finished command is the oldest one.
    if (!inflight_.empty() && inflight_.front() == pending) inflight_.pop_front();
    if (reply != nullptr) last_heard_ = Clock::now();
    if (!pending->done) {
      if (reply == nullptr) {
        if (errstr != nullptr && *errstr != '\0') last_error_ = errstr;
        complete(std::move(pending->handler), StoreError{Fault::unavailable, unavailable_message()});
      } else if (reply->type == REDIS_REPLY_ERROR) {
        complete(std::move(pending->handler),
                 StoreError{Fault::server_error, std::string(reply->str, reply->len)});
      } else {
        complete(std::move(pending->handler), copy_reply(*reply));
      }
    }
    delete pending;
  }

  void want_read(bool on) {
    reading_ = on;
    if (on && !read_waiting_ && socket_.attached()) {
      read_waiting_ = true;
      socket_.wait_readable([self = shared_from_this()](boost::system::error_code ec) {
                            self->read_waiting_ = false;
                            if (!ec && self->reading_ && self->context_ != nullptr) redisAsyncHandleRead(self->context_);
                          });
    }
  }

  void want_write(bool on) {
    writing_ = on;
    if (on && !write_waiting_ && socket_.attached()) {
      write_waiting_ = true;
      socket_.wait_writable([self = shared_from_this()](boost::system::error_code ec) {
                            self->write_waiting_ = false;
                            if (!ec && self->writing_) self->write();
                          });
    }
  }

  void write() {
    if (context_ == nullptr) return;
    ++write_events_;
    redisAsyncHandleWrite(context_);  // may free the context (on_cleanup): nothing here follows it
  }

  // hiredis is freeing the context (error, server gone, or close()): it
  // closes the fd itself, so the descriptor gives it back instead.
  void on_cleanup() {
    socket_.detach();
    context_ = nullptr;
    connected_ = false;
    reading_ = writing_ = false;
    if (!closing_) schedule_reconnect();
  }

  void schedule_reconnect() {
    if (closing_) return;
    reconnect_timer_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, config_.reconnect_max);
    reconnect_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (!ec && !self->closing_ && self->context_ == nullptr) self->connect();
    });
  }

  // One timer for all commands: deadlines grow in submission order, so only
  // the oldest unanswered command can be the next to time out.
  void arm_deadline() {
    const auto deadline = inflight_.next_deadline();
    if (deadline_armed_ || !deadline) return;
    deadline_armed_ = true;
    deadline_timer_.expires_at(*deadline);
    deadline_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      self->deadline_armed_ = false;
      if (ec || self->closing_) return;
      self->expire_overdue();
      self->arm_deadline();
    });
  }

  void expire_overdue() {
    const auto now = Clock::now();
    bool expired = false;
    inflight_.expire_overdue(now, [this, &expired](Pending& pending) {
      expired = true;
      complete(std::move(pending.handler),
               StoreError{Fault::timeout, "redis " + config_.host + ":" + std::to_string(config_.port) +
                                              " did not answer within " +
                                              std::to_string(config_.command_timeout.count()) + " ms"});
    });
    // Nothing heard for a whole timeout: the connection is half-open (a
    // partition, a peer gone without a word), and waiting on it would queue
    // every later command behind the lost ones. Start again.
    if (expired && context_ != nullptr && now - last_heard_ >= config_.command_timeout &&
        !socket_.has_bytes_waiting()) {
      last_error_ = "no answer for " + std::to_string(config_.command_timeout.count()) + " ms: connection dropped";
      redisAsyncFree(context_);  // runs the pending callbacks with no reply, then on_cleanup reconnects
    }
  }

  asio::any_io_executor executor_;
  RedisConfig config_;
  OpCounters& counters_;
  redisAsyncContext* context_ = nullptr;
  ForeignSocket socket_;
  bool connected_ = false;
  bool closing_ = false;
  bool reading_ = false;
  bool writing_ = false;
  bool read_waiting_ = false;
  bool write_waiting_ = false;
  ReplyQueue<Pending> inflight_;  // sent, awaiting their replies
  asio::steady_timer deadline_timer_;
  bool deadline_armed_ = false;
  asio::steady_timer reconnect_timer_;
  std::chrono::milliseconds backoff_;
  std::string last_error_;
  Clock::time_point last_heard_{};  // the last reply, or the connect
  std::uint64_t write_events_ = 0;
  std::size_t peak_in_flight_ = 0;
};

}  // namespace detail

RedisClient::RedisClient(asio::any_io_executor executor, RedisConfig config, OpCounters& counters)
    : connection_(std::make_shared<detail::RedisConnection>(executor, config, counters)),
      gate_(std::make_shared<InFlightGate>(executor, config.pipelining ? 0 : 1)) {
  connection_->start();
}

RedisClient::~RedisClient() { connection_->close(); }

asio::awaitable<StoreResult<RedisReply>> RedisClient::execute(std::span<const std::string_view> args,
                                                              OpTally* tally) {
  auto connection = connection_;
  auto gate = gate_;  // copies: the client may go while this waits
  co_await gate->enter();
  auto result = co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(StoreResult<RedisReply>)>(
      [&](auto handler) { connection->submit(args, tally, std::move(handler)); }, asio::use_awaitable);
  gate->leave();
  if (!result && result.error().fault != Fault::server_error && tally != nullptr) ++tally->redis_unreachable;
  co_return result;
}

void RedisClient::retarget(RedisEndpoint to) {
  asio::post(connection_->executor(), [connection = connection_, to = std::move(to)] { connection->retarget(to); });
}

bool RedisClient::connected() const { return connection_->connected(); }
const RedisConfig& RedisClient::config() const { return connection_->config(); }
std::uint64_t RedisClient::write_events() const { return connection_->write_events(); }
std::size_t RedisClient::peak_in_flight() const { return connection_->peak_in_flight(); }

}  // namespace revbench::store

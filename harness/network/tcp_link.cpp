#include "harness/network/tcp_link.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <sys/prctl.h>

#include <algorithm>
#include <array>
#include <deque>
#include <future>
#include <list>
#include <optional>
#include <stdexcept>
#include <thread>

#include "harness/network/delivery_schedule.hpp"
#include "harness/network/timed_receive.hpp"

namespace revbench::network {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

constexpr std::size_t read_size = 16 * 1024;  // per direction and connection: client links carry thousands
// Past this many held bytes a direction stops reading: the sender's socket
// buffer then fills, as a TCP window closes, and memory stays bounded.
constexpr std::size_t held_cap = 4 * 1024 * 1024;
// With a bandwidth, bytes leave in pieces no larger than this, so they
// trickle out as they would on a wire instead of arriving in bursts.
constexpr std::size_t shaped_piece = 4 * 1024;

// Waiting for something another coroutine of the same thread does: a timer
// that never expires, woken by cancel(). The waiter checks its condition
// again after every wake-up, so a wake with nobody waiting is not lost.
class Wakeup {
 public:
  explicit Wakeup(const asio::any_io_executor& executor) : timer_(executor, Clock::time_point::max()) {}
  asio::awaitable<void> wait() {
    timer_.expires_at(Clock::time_point::max());
    co_await timer_.async_wait(no_throw);
  }
  void wake() { timer_.cancel(); }

 private:
  asio::steady_timer timer_;
};

std::uint64_t mixed(std::uint64_t x) {  // splitmix64: nearby seeds give unrelated streams
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Chunk {
  Clock::time_point at;
  std::vector<char> bytes;
};

// One direction of one connection.
struct Pipe {
  Pipe(const asio::any_io_executor& executor, Direction way, const DirectionShape& shape, std::uint64_t seed,
       tcp::socket& sink)
      : direction(way), shaped(shape.bandwidth != 0), untouched(shape.is_zero()), to(sink), schedule(shape, seed), has_data(executor), has_room(executor), delivery(executor) {}

  Direction direction;
  bool shaped;     // a bandwidth
  bool untouched;  // no latency, jitter or bandwidth
  tcp::socket& to;
  DeliverySchedule schedule;
  std::deque<Chunk> held;
  std::size_t held_bytes = 0;
  bool source_ended = false;  // the sender closed its side: pass the FIN on after the last byte
  bool done = false;
  std::uint64_t since_cut_set = 0;  // bytes delivered since a cut was set
  Wakeup has_data;
  Wakeup has_room;
  asio::steady_timer delivery;
};

}  // namespace

struct TcpLink::Core {
  struct Connection;

  explicit Core(LinkOptions given) : options(std::move(given)), acceptor(io), work(io.get_executor()) {}

  LinkOptions options;
  asio::io_context io;
  tcp::acceptor acceptor;
  tcp::endpoint upstream;
  std::vector<LinkFault> faults;
  // A partition's `from`, parsed once when it is applied: the check runs on every chunk.
  std::optional<asio::ip::address> partitioned_source;
  LinkCounters counters;
  std::list<std::weak_ptr<Connection>> connections;
  std::uint64_t connections_made = 0;
  // How late a timer wakes this thread, on average: delivery timers are set
  // that much early, so that bytes leave on time rather than always late by
  // the wake-up (tens of microseconds here, a twentieth of a 1 ms link).
  std::chrono::nanoseconds timer_lateness{0};
  asio::executor_work_guard<asio::io_context::executor_type> work;
  std::thread thread;

  const LinkFault* fault(FaultAction action) const {
    for (const auto& f : faults)
      if (f.action == action) return &f;
    return nullptr;
  }
  // Whether a partition cuts this connection: every one, or those from its address.
  bool partitioned(const asio::ip::address& peer) const {
    const auto* partition = fault(FaultAction::partition);
    if (partition == nullptr || partition->from.empty()) return partition != nullptr;
    return partitioned_source == peer;
  }
  void note_partition_source() {
    partitioned_source.reset();
    const auto* partition = fault(FaultAction::partition);
    if (partition == nullptr || partition->from.empty()) return;
    boost::system::error_code unparsed;
    const auto source = asio::ip::make_address(partition->from, unparsed);
    if (!unparsed) partitioned_source = source;  // unparsable (the JSON reader refuses it): cuts nothing
  }
  void note_timer_lateness(std::chrono::nanoseconds late) {
    const auto bounded = std::clamp(late, std::chrono::nanoseconds(0), std::chrono::nanoseconds(200'000));
    timer_lateness += (bounded - timer_lateness) / 16;
  }
  bool passes_untouched(const Pipe& pipe) const {
    return pipe.untouched && faults.empty();
  }
  std::chrono::nanoseconds added_one_way(Direction direction) const {
    const auto* slow = fault(FaultAction::slow);
    if (slow == nullptr) return std::chrono::nanoseconds(0);
    const auto up = slow->added_rtt / 2;
    return direction == Direction::up ? up : slow->added_rtt - up;
  }
  std::optional<std::uint64_t> cut_after(Direction direction) const {
    std::optional<std::uint64_t> limit;
    for (const auto& f : faults)
      if (const auto cut = f.cut_after(); cut && cut->first == direction)
        limit = std::min(limit.value_or(cut->second), cut->second);
    return limit;
  }

  struct Connection {
    Connection(Core& link, tcp::socket accepted)
        : core(link),
          client(std::move(accepted)),
          upstream(core.io),
          up(core.io.get_executor(), Direction::up, core.options.shape.up,
             mixed(core.options.shape.seed ^ (core.connections_made << 1)), upstream),
          down(core.io.get_executor(), Direction::down, core.options.shape.down,
               mixed(core.options.shape.seed ^ (core.connections_made << 1 | 1)), client),
          healed(core.io.get_executor()) {
      boost::system::error_code unknown;
      peer = client.remote_endpoint(unknown).address();
    }

    Core& core;
    tcp::socket client;
    asio::ip::address peer;
    tcp::socket upstream;
    Pipe up;
    Pipe down;
    Wakeup healed;  // a connection made during a partition waits for this before it reaches the upstream
    bool closed = false;

    void close(bool with_reset) {
      if (closed) return;
      closed = true;
      for (auto* socket : {&client, &upstream}) {
        boost::system::error_code ignored;
        if (with_reset && socket->is_open()) socket->set_option(asio::socket_base::linger(true, 0), ignored);
        socket->close(ignored);
      }
      for (auto* pipe : {&up, &down}) {
        core.counters.bytes_held -= pipe->held_bytes;
        pipe->held_bytes = 0;
        pipe->held.clear();
        pipe->has_data.wake();
        pipe->has_room.wake();
        pipe->delivery.cancel();
      }
      healed.wake();
      --core.counters.open;
    }
    void wake_writers() {
      up.has_data.wake();
      down.has_data.wake();
      healed.wake();
    }
  };

  template <typename Each>
  void for_each_connection(Each each) {
    for (auto it = connections.begin(); it != connections.end();) {
      if (auto connection = it->lock(); connection && !connection->closed) {
        each(*connection);
        ++it;
      } else {
        it = connections.erase(it);
      }
    }
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [error, socket] = co_await acceptor.async_accept(no_throw);
      if (!acceptor.is_open()) co_return;
      if (error) {  // out of descriptors, say: try again shortly rather than spin
        asio::steady_timer pause(io, std::chrono::milliseconds(10));
        co_await pause.async_wait(no_throw);
        continue;
      }
      ++counters.accepted;
      if (fault(FaultAction::reset) != nullptr) {
        boost::system::error_code ignored;
        socket.set_option(asio::socket_base::linger(true, 0), ignored);
        socket.close(ignored);
        ++counters.reset;
        continue;
      }
      auto connection = std::make_shared<Connection>(*this, std::move(socket));
      ++connections_made;
      ++counters.open;
      connections.push_back(connection);
      asio::co_spawn(io, carry(connection), asio::detached);
    }
  }

  asio::awaitable<void> carry(std::shared_ptr<Connection> connection) {
    // A SYN sent into a partition is answered once it heals, as a retransmitted one would be.
    while (partitioned(connection->peer) && !connection->closed) co_await connection->healed.wait();
    if (connection->closed) co_return;
    auto [error] = co_await connection->upstream.async_connect(upstream, no_throw);
    if (connection->closed) co_return;
    if (error) {
      connection->close(true);  // the client hears what it would from an upstream that refused
      co_return;
    }
    boost::system::error_code ignored;
    connection->client.set_option(tcp::no_delay(true), ignored);
    connection->upstream.set_option(tcp::no_delay(true), ignored);
    enable_receive_timestamps(connection->client.native_handle());
    enable_receive_timestamps(connection->upstream.native_handle());
    asio::co_spawn(io, read(connection, connection->up, connection->client), asio::detached);
    asio::co_spawn(io, read(connection, connection->down, connection->upstream), asio::detached);
    asio::co_spawn(io, deliver(connection, connection->up, connection->down), asio::detached);
    co_await deliver(connection, connection->down, connection->up);
  }

  asio::awaitable<void> read(std::shared_ptr<Connection> connection, Pipe& pipe, tcp::socket& from) {
    std::vector<char> buffer(read_size);
    for (;;) {
      while (pipe.held_bytes >= held_cap && !connection->closed) co_await pipe.has_room.wait();
      if (connection->closed) co_return;
      auto [waited] = co_await from.async_wait(tcp::socket::wait_read, no_throw);
      if (connection->closed) co_return;
      const auto got = waited ? TimedRead{} : read_with_arrival(from.native_handle(), buffer);
      if (got.result == TimedRead::Result::would_block) continue;
      if (got.result == TimedRead::Result::end_of_stream) {
        pipe.source_ended = true;
        pipe.has_data.wake();
        co_return;
      }
      if (got.result == TimedRead::Result::failed) {
        connection->close(true);  // a reset on one side is a reset on the other
        co_return;
      }
      const std::size_t n = got.size;
      if (pipe.held.empty() && passes_untouched(pipe)) {
        // Nothing to delay, hold or cut and nothing queued ahead: a plain
        // proxy's read-write loop, without a copy or a hop to the deliverer.
        auto [write_error, written] = co_await asio::async_write(pipe.to, asio::buffer(buffer.data(), n), no_throw);
        if (connection->closed) co_return;
        if (write_error) {
          connection->close(true);
          co_return;
        }
        (pipe.direction == Direction::up ? counters.bytes_up : counters.bytes_down) += written;
        pipe.since_cut_set += written;
        continue;
      }
      // From the bytes' arrival: the wake-up to read them is no part of the link's delay.
      const auto now = got.arrived;
      const auto added = added_one_way(pipe.direction);
      const std::size_t piece = pipe.shaped ? shaped_piece : n;
      for (std::size_t offset = 0; offset < n; offset += piece) {
        const auto size = std::min(piece, n - offset);
        pipe.held.push_back({pipe.schedule.deliver_at(now, size, added),
                             std::vector<char>(buffer.begin() + static_cast<std::ptrdiff_t>(offset),
                                               buffer.begin() + static_cast<std::ptrdiff_t>(offset + size))});
        pipe.held_bytes += size;
        counters.bytes_held += size;
      }
      pipe.has_data.wake();
    }
  }

  asio::awaitable<void> deliver(std::shared_ptr<Connection> connection, Pipe& pipe, Pipe& other) {
    auto& to = pipe.to;
    for (;;) {
      while (!connection->closed && (partitioned(connection->peer) || (pipe.held.empty() && !pipe.source_ended)))
        co_await pipe.has_data.wait();
      if (connection->closed) co_return;
      if (pipe.held.empty()) {  // the sender is done and everything it sent is delivered
        boost::system::error_code ignored;
        to.shutdown(tcp::socket::shutdown_send, ignored);
        pipe.done = true;
        if (other.done) connection->close(false);
        co_return;
      }
      if (const auto at = pipe.held.front().at; at - timer_lateness > Clock::now()) {
        const auto aim = at - timer_lateness;
        pipe.delivery.expires_at(aim);
        co_await pipe.delivery.async_wait(no_throw);
        if (connection->closed) co_return;
        note_timer_lateness(Clock::now() - aim);
        continue;  // a partition may have begun meanwhile
      }
      const auto& chunk = pipe.held.front();
      std::size_t allowed = chunk.bytes.size();
      if (const auto limit = cut_after(pipe.direction))
        allowed = std::min<std::uint64_t>(allowed, *limit - std::min(*limit, pipe.since_cut_set));
      if (allowed > 0) {
        auto [error, written] = co_await asio::async_write(to, asio::buffer(chunk.bytes.data(), allowed), no_throw);
        if (connection->closed) co_return;
        if (error) {
          connection->close(true);
          co_return;
        }
        (pipe.direction == Direction::up ? counters.bytes_up : counters.bytes_down) += written;
        pipe.since_cut_set += written;
      }
      if (allowed < pipe.held.front().bytes.size()) {
        ++counters.cut;
        connection->close(false);
        co_return;
      }
      pipe.held_bytes -= pipe.held.front().bytes.size();
      counters.bytes_held -= pipe.held.front().bytes.size();
      pipe.held.pop_front();
      pipe.has_room.wake();
    }
  }

  // Runs `work` on the link's thread and returns what it returns.
  template <typename Work>
  auto on_link(Work job) {
    if (io.get_executor().running_in_this_thread()) return job();
    std::packaged_task<decltype(job())()> task(std::move(job));
    auto result = task.get_future();
    asio::post(io, [&task] { task(); });
    return result.get();
  }
};

TcpLink::TcpLink(LinkOptions options) : core_(std::make_unique<Core>(std::move(options))) {
  auto& core = *core_;
  boost::system::error_code error;
  const auto listen_address = asio::ip::make_address(core.options.listen_host, error);
  if (error) throw std::runtime_error("link " + core.options.name + ": '" + core.options.listen_host + "' is not an address to listen on");
  tcp::resolver resolver(core.io);
  const auto found = resolver.resolve(core.options.upstream_host, std::to_string(core.options.upstream_port), error);
  if (error || found.empty())
    throw std::runtime_error("link " + core.options.name + ": upstream '" + core.options.upstream_host + "' does not resolve");
  core.upstream = found.begin()->endpoint();
  const tcp::endpoint listen_at(listen_address, core.options.listen_port);
  core.acceptor.open(listen_at.protocol(), error);
  if (!error) core.acceptor.set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) core.acceptor.bind(listen_at, error);
  if (!error) core.acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error)
    throw std::runtime_error("link " + core.options.name + ": cannot listen on " + core.options.listen_host + ":" +
                             std::to_string(core.options.listen_port) + ": " + error.message());
  asio::co_spawn(core.io, core.accept_loop(), asio::detached);
  core.thread = std::thread([&core] {
    // Linux lets a timer fire up to 50 us late by default, which would be
    // most of the error of a 1 ms link: ask for 1 ns.
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    core.io.run();
  });
}

TcpLink::~TcpLink() {
  auto& core = *core_;
  core.on_link([&core] {
    boost::system::error_code ignored;
    core.acceptor.close(ignored);
    core.for_each_connection([](Core::Connection& connection) { connection.close(false); });
    core.work.reset();
    return 0;
  });
  core.thread.join();
}

std::uint16_t TcpLink::port() const { return core_->acceptor.local_endpoint().port(); }
const LinkOptions& TcpLink::options() const { return core_->options; }

void TcpLink::apply(const LinkFault& fault) {
  auto& core = *core_;
  core.on_link([&core, fault] {
    std::erase_if(core.faults, [&](const LinkFault& f) { return f.action == fault.action; });
    core.faults.push_back(fault);
    core.note_partition_source();
    if (fault.action == FaultAction::reset) {
      core.for_each_connection([&core](Core::Connection& connection) {
        connection.close(true);
        ++core.counters.reset;
      });
    }
    if (fault.cut_after())
      core.for_each_connection([](Core::Connection& connection) {
        connection.up.since_cut_set = 0;
        connection.down.since_cut_set = 0;
        connection.wake_writers();
      });
    return 0;
  });
}

bool TcpLink::lift(FaultAction action) {
  auto& core = *core_;
  return core.on_link([&core, action] {
    const auto lifted = std::erase_if(core.faults, [&](const LinkFault& f) { return f.action == action; }) != 0;
    core.note_partition_source();
    core.for_each_connection([](Core::Connection& connection) { connection.wake_writers(); });
    return lifted;
  });
}

void TcpLink::heal() {
  auto& core = *core_;
  core.on_link([&core] {
    core.faults.clear();
    core.note_partition_source();
    core.for_each_connection([](Core::Connection& connection) { connection.wake_writers(); });
    return 0;
  });
}

LinkState TcpLink::state() const {
  auto& core = *core_;
  return core.on_link([&core, this] {
    core.for_each_connection([](Core::Connection&) {});
    return LinkState{core.options, port(), core.faults, core.counters};
  });
}

}  // namespace revbench::network

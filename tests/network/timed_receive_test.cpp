// Reading a TCP socket with the kernel's receive time, on real loopback sockets.
#include "harness/network/timed_receive.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <thread>

namespace revbench::network {
namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A connected pair of loopback TCP sockets: what a link reads from.
struct TcpPair {
  int writer = -1, reader = -1;
  TcpPair() {
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(listen(listener, 1), 0);
    EXPECT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
    writer = socket(AF_INET, SOCK_STREAM, 0);
    EXPECT_EQ(connect(writer, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    reader = accept(listener, nullptr, nullptr);
    close(listener);
    const int on = 1;
    setsockopt(writer, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  }
  ~TcpPair() {
    if (writer >= 0) close(writer);
    close(reader);
  }
};

TimedRead read_when_waiting(int fd, std::span<char> buffer) {
  for (int i = 0; i < 1000; ++i) {
    const auto read = read_with_arrival(fd, buffer);
    if (read.result != TimedRead::Result::would_block) return read;
    std::this_thread::sleep_for(1ms);
  }
  return {};
}

// The point of it: bytes read a while after they came are dated when they
// came. The kernel stamps what arrives once stamping is on machine-wide (it
// turns on a moment after the first socket asks), so an early read may carry
// no stamp: it is then dated when read, and most reads must be dated early.
TEST(TimedReceive, BytesReadLateAreDatedWhenTheyArrived) {
  TcpPair pair;
  ASSERT_TRUE(enable_receive_timestamps(pair.reader));
  std::array<char, 64> buffer{};
  int dated = 0, tried = 0;
  for (int attempt = 0; attempt < 60 && dated < 10; ++attempt) {
    const auto sent = Clock::now();
    ASSERT_EQ(write(pair.writer, "PING\r\n", 6), 6);
    std::this_thread::sleep_for(400us);
    const auto read = read_with_arrival(pair.reader, buffer);
    const auto read_at = Clock::now();
    ASSERT_EQ(read.result, TimedRead::Result::bytes);
    ASSERT_EQ(read.size, 6U);
    if (read_at - sent >= 900us) continue;  // a wake-up that late counts as waiting for room, by design
    ++tried;
    if (read.arrived <= read_at - 350us) {
      EXPECT_GE(read.arrived, sent - 50us) << "dated before it was sent";
      ++dated;
    } else {
      EXPECT_GE(read.arrived, sent + 400us) << "neither the kernel's time nor the read's";
    }
  }
  EXPECT_GE(dated, 5) << "of " << tried << " reads 400 µs after their bytes came, only " << dated
                       << " were dated by the kernel's receive time";
}

// Bytes that sat unread for longer than a wake-up can be late waited for the
// link to read again: their delay starts when they are read.
TEST(TimedReceive, BytesThatWaitedLongAreDatedWhenRead) {
  TcpPair pair;
  ASSERT_TRUE(enable_receive_timestamps(pair.reader));
  ASSERT_EQ(write(pair.writer, "PING\r\n", 6), 6);
  std::this_thread::sleep_for(5ms);
  std::array<char, 64> buffer{};
  const auto before = Clock::now();
  const auto read = read_with_arrival(pair.reader, buffer);
  ASSERT_EQ(read.result, TimedRead::Result::bytes);
  EXPECT_GE(read.arrived, before);
}

TEST(TimedReceive, NothingWaitingThenBytesThenTheEnd) {
  TcpPair pair;
  enable_receive_timestamps(pair.reader);
  std::array<char, 64> buffer{};
  EXPECT_EQ(read_with_arrival(pair.reader, buffer).result, TimedRead::Result::would_block);
  ASSERT_EQ(write(pair.writer, "abc", 3), 3);
  const auto read = read_when_waiting(pair.reader, buffer);
  ASSERT_EQ(read.result, TimedRead::Result::bytes);
  EXPECT_EQ(std::string(buffer.data(), read.size), "abc");
  close(pair.writer);
  pair.writer = -1;
  EXPECT_EQ(read_when_waiting(pair.reader, buffer).result, TimedRead::Result::end_of_stream);
}

// Without timestamps asked for, a read is dated when it is made.
TEST(TimedReceive, UnstampedReadsAreDatedWhenRead) {
  TcpPair pair;
  ASSERT_EQ(write(pair.writer, "x", 1), 1);
  std::this_thread::sleep_for(400us);
  std::array<char, 8> buffer{};
  const auto before = Clock::now();
  const auto read = read_when_waiting(pair.reader, buffer);
  ASSERT_EQ(read.result, TimedRead::Result::bytes);
  EXPECT_GE(read.arrived, before);
}

}  // namespace
}  // namespace revbench::network

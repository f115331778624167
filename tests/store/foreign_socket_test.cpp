// ForeignSocket, the fd a C store library owns: whether the peer's bytes
// wait unread (what keeps a store client from dropping a connection that
// answered in the instant its silence timer fired), and letting go of the
// fd without closing it (the library closes its own).
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include <memory>

#include "harness/store/foreign_socket.hpp"

namespace revbench::store {
namespace {

TEST(ForeignSocket, SaysWhetherThePeersBytesWaitUnread) {
  int ends[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends), 0);
  boost::asio::io_context io;
  // On the heap, as the store clients hold it (on the stack GCC 12 at -O3
  // warns of the optional descriptor's service as maybe uninitialized).
  const auto socket = std::make_unique<ForeignSocket>(io.get_executor());
  auto& watched = *socket;
  EXPECT_FALSE(watched.has_bytes_waiting()) << "nothing attached";
  watched.attach(ends[0]);
  EXPECT_FALSE(watched.has_bytes_waiting()) << "the peer said nothing";
  ASSERT_EQ(write(ends[1], "+OK\r\n", 5), 5);
  EXPECT_TRUE(watched.has_bytes_waiting());
  EXPECT_TRUE(watched.has_bytes_waiting()) << "asking reads nothing";
  char reply[5];
  ASSERT_EQ(read(ends[0], reply, sizeof reply), 5);
  EXPECT_FALSE(watched.has_bytes_waiting()) << "read: nothing waits";
  watched.detach();
  EXPECT_FALSE(watched.attached());
  EXPECT_EQ(write(ends[0], "x", 1), 1) << "detached, not closed: the library's fd is still open";
  close(ends[0]);
  close(ends[1]);
}

}  // namespace
}  // namespace revbench::store

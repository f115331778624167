#include "harness/network/timed_receive.hpp"

#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>

#include <cerrno>
#include <cstring>

namespace revbench::network {

bool enable_receive_timestamps(int fd) {
  const int on = 1;
  return setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0;
}

TimedRead read_with_arrival(int fd, std::span<char> buffer) {
  iovec io{buffer.data(), buffer.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  msghdr message{};
  message.msg_iov = &io;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  const ssize_t n = recvmsg(fd, &message, MSG_DONTWAIT);
  TimedRead read;
  read.arrived = std::chrono::steady_clock::now();
  if (n < 0) {
    read.result = errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? TimedRead::Result::would_block
                                                                               : TimedRead::Result::failed;
    return read;
  }
  if (n == 0) {
    read.result = TimedRead::Result::end_of_stream;
    return read;
  }
  read.result = TimedRead::Result::bytes;
  read.size = static_cast<std::size_t>(n);
  for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
    timespec stamp{};
    std::memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
    timespec wall{};
    clock_gettime(CLOCK_REALTIME, &wall);
    // The stamp is wall-clock time: how long ago, moved onto the steady clock.
    const auto ago = std::chrono::seconds(wall.tv_sec - stamp.tv_sec) + std::chrono::nanoseconds(wall.tv_nsec - stamp.tv_nsec);
    // A late wake-up costs microseconds. A stamp older than a millisecond is
    // bytes that waited for the link to read again (it stops while it holds
    // too much), whose delay starts now; one from the future is a clock step.
    if (ago >= std::chrono::nanoseconds(0) && ago < std::chrono::milliseconds(1))
      read.arrived -= std::chrono::duration_cast<std::chrono::steady_clock::duration>(ago);
  }
  return read;
}

}  // namespace revbench::network

#pragma once
// Watches a socket that a C library (hiredis, libpq) owns: Asio only waits
// for readiness and gives the fd back before the library closes it.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <optional>

#include <poll.h>

namespace revbench::store {

class ForeignSocket {
 public:
  explicit ForeignSocket(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}
  ~ForeignSocket() { detach(); }
  ForeignSocket(const ForeignSocket&) = delete;
  ForeignSocket& operator=(const ForeignSocket&) = delete;

  // Watches `fd` (again, if the library replaced its socket).
  void attach(int fd) {
    if (descriptor_ && descriptor_->native_handle() == fd) return;
    detach();
    descriptor_.emplace(executor_, fd);
  }
  // Cancels pending waits (they complete with operation_aborted) and lets go
  // of the fd without closing it.
  void detach() {
    if (descriptor_) {
      (void)descriptor_->release();
      descriptor_.reset();
    }
  }
  bool attached() const { return descriptor_.has_value(); }
  // Whether the peer's bytes wait unread: a connection about to be called
  // silent may have spoken in the same instant its timer fired.
  bool has_bytes_waiting() {
    if (!descriptor_) return false;
    pollfd watched{descriptor_->native_handle(), POLLIN, 0};
    return ::poll(&watched, 1, 0) == 1 && (watched.revents & POLLIN) != 0;
  }

  template <typename Handler>
  void wait_readable(Handler&& handler) {
    descriptor_->async_wait(boost::asio::posix::stream_descriptor::wait_read, std::forward<Handler>(handler));
  }
  template <typename Handler>
  void wait_writable(Handler&& handler) {
    descriptor_->async_wait(boost::asio::posix::stream_descriptor::wait_write, std::forward<Handler>(handler));
  }

 private:
  boost::asio::any_io_executor executor_;
  std::optional<boost::asio::posix::stream_descriptor> descriptor_;
};

}  // namespace revbench::store

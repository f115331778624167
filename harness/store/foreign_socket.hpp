#pragma once
// Watches a socket that a C library (hiredis, libpq) owns: Asio only waits
// for readiness and gives the fd back before the library closes it.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <optional>

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

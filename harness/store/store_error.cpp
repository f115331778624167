#include "harness/store/store_error.hpp"

#include <boost/throw_exception.hpp>

#include <stdexcept>

namespace revbench::store {

std::string_view to_string(Fault fault) {
  switch (fault) {
    case Fault::unavailable: return "unavailable";
    case Fault::timeout: return "timeout";
    case Fault::server_error: return "server_error";
  }
  return "unavailable";
}

void throw_exception_from_error(const StoreError& error, const boost::source_location& loc) {
  boost::throw_exception(std::runtime_error(std::string(to_string(error.fault)) + ": " + error.message), loc);
}

}  // namespace revbench::store

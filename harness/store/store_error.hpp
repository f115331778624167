#pragma once
// Store failures are values: a strategy decides what an outage means
// (fail closed, fail open), so the clients never throw on the hot path.
#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <string_view>

namespace revbench::store {

enum class Fault {
  unavailable,   // not connected, connection lost, connect refused
  timeout,       // no reply within the command timeout
  server_error,  // the server answered with an error (Redis -ERR, SQL error)
};

std::string_view to_string(Fault fault);

struct StoreError {
  Fault fault;
  std::string message;
};

[[noreturn]] void throw_exception_from_error(const StoreError& error, const boost::source_location& loc);

template <typename T>
using StoreResult = boost::system::result<T, StoreError>;

}  // namespace revbench::store

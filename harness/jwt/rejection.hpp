#pragma once
// Why a token was refused. The reason is stable (it becomes the `reason` of a
// 401 body and a metric label); the detail is for humans and never contains
// key material.
#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <string_view>

#include "harness/contract/reason.hpp"

namespace revbench::jwt {

// The contract's reasons: the codec refuses with malformed, bad_signature,
// expired, not_yet_valid or unknown_kid.
using contract::Reason;

struct Rejection {
  Reason reason;
  std::string detail;
};

// Out of line and in the cold section: a refusal's message is built only when
// a token is refused, which keeps the accepting path short in the
// instruction cache (the server's hot path is bound by it, bench/README.md).
[[gnu::cold, gnu::noinline]] Rejection reject(Reason reason, std::string_view detail);

[[noreturn]] void throw_exception_from_error(const Rejection& rejection, const boost::source_location& loc);

template <typename T>
using Verified = boost::system::result<T, Rejection>;

}  // namespace revbench::jwt

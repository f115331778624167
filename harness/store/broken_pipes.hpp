#pragma once
// hiredis writes to its socket with write(), not send(MSG_NOSIGNAL): when a
// Redis dies between our write and its close, the kernel's default SIGPIPE
// would kill the whole process instead of handing hiredis an EPIPE it reports
// as a connection error. Every process that talks to Redis ignores it, as
// redis-cli and nginx do.
#include <csignal>

namespace revbench::store {

inline void ignore_broken_pipes() { std::signal(SIGPIPE, SIG_IGN); }

}  // namespace revbench::store

#pragma once
// A server holding thousands of idle connections, or a generator opening
// thousands, needs more descriptors than the usual soft limit of 1024: raise
// it to the hard limit, as nginx's worker_rlimit_nofile does.
#include <sys/resource.h>

namespace revbench::cli {

inline void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);  // best effort: the old limit still works
  }
}

}  // namespace revbench::cli

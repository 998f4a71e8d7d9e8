// Private to the tester module: the child process of the cmd driver.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "base/base.h"
#include "transport/transport.h"

namespace scn::tester {

// `/bin/sh -c LINE` started with posix_spawn in a process group of its own, standard
// input and output on /dev/null, standard error on a pipe.
struct Child {
  pid_t pid = -1;
  net::Fd exited;  // a pidfd: readable once the child has ended
  net::Fd errors;  // the read end of its standard error, non-blocking
};

Result<Child> spawn_shell(Loop& loop, const std::string& line);

// A wait status no child has: the child was reaped elsewhere (SIGCHLD ignored).
inline constexpr int status_unknown = -1;

// The child's wait status once it has ended (and is reaped by this call), or
// status_unknown.
std::optional<int> try_reap(pid_t pid);

// Kills the child's process group and reaps the child from the loop (it is gone within
// moments of SIGKILL; the loop retries for a few seconds).
void kill_and_reap(Loop& loop, pid_t pid);

}  // namespace scn::tester

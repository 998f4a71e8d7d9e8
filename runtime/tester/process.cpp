// The cmd driver's child: posix_spawn of /bin/sh in its own process group, a pidfd to
// learn of its end through the loop, reaping without SIGCHLD handlers.
#include "tester/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace scn::tester {

namespace {

constexpr Millis reap_interval = 10;
constexpr int reap_attempts = 500;

// File actions and attributes of the spawn, released however it ends.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// stdin, stdout to /dev/null, stderr to `err_write`; its own process group; signals
// at their defaults and none blocked, whatever this process does with them.
int prepare(SpawnSetup& s, int err_write) {
  int rc = posix_spawn_file_actions_addopen(&s.actions, 0, "/dev/null", O_RDONLY, 0);
  if (rc == 0) rc = posix_spawn_file_actions_addopen(&s.actions, 1, "/dev/null", O_WRONLY, 0);
  if (rc == 0) rc = posix_spawn_file_actions_adddup2(&s.actions, err_write, 2);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  if (rc == 0) rc = posix_spawnattr_setsigmask(&s.attr, &none);
  if (rc == 0) rc = posix_spawnattr_setsigdefault(&s.attr, &all);
  if (rc == 0) rc = posix_spawnattr_setpgroup(&s.attr, 0);
  if (rc == 0)
    rc = posix_spawnattr_setflags(
        &s.attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  return rc;
}

Error spawn_error(const char* what, int err) {
  return make_error(std::string("cannot run /bin/sh: ") + what + ": " + std::strerror(err));
}

// A descriptor that becomes readable when `pid` ends. Through syscall(): Debian 12's
// <sys/pidfd.h> declares pidfd_open without C linkage.
int open_pidfd(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

void reap_later(Loop& loop, pid_t pid, int attempts_left) {
  if (try_reap(pid) || attempts_left <= 0) return;
  loop.schedule(reap_interval,
                [&loop, pid, attempts_left] { reap_later(loop, pid, attempts_left - 1); });
}

}  // namespace

Result<Child> spawn_shell(Loop& loop, const std::string& line) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return spawn_error("pipe", errno);
  net::Fd err_read(pipe_fds[0]), err_write(pipe_fds[1]);
  SpawnSetup setup;
  if (int rc = prepare(setup, err_write.get()); rc != 0) return spawn_error("posix_spawn setup", rc);
  const char* argv[] = {"sh", "-c", line.c_str(), nullptr};
  Child child;
  int rc = posix_spawn(&child.pid, "/bin/sh", &setup.actions, &setup.attr,
                       const_cast<char* const*>(argv), environ);
  if (rc != 0) return spawn_error("posix_spawn", rc);
  child.exited = net::Fd(open_pidfd(child.pid));
  if (!child.exited.valid()) {
    const int err = errno;
    kill_and_reap(loop, child.pid);
    return spawn_error("pidfd_open", err);
  }
  ::fcntl(err_read.get(), F_SETFL, ::fcntl(err_read.get(), F_GETFL) | O_NONBLOCK);
  child.errors = std::move(err_read);
  return child;
}

std::optional<int> try_reap(pid_t pid) {
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid, &status, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid) return status;
  if (r < 0) return status_unknown;  // ECHILD: reaped already, nothing left to do
  return std::nullopt;
}

void kill_and_reap(Loop& loop, pid_t pid) {
  ::kill(-pid, SIGKILL);
  reap_later(loop, pid, reap_attempts);
}

}  // namespace scn::tester

// SIGINT and SIGTERM as a request to stop, read between runs (--repeat) or between
// statistics intervals (--load) instead of killing the process mid-run.
#pragma once

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace scn {

// SIGINT and SIGTERM blocked and read from a descriptor while it lives: the run in
// progress ends as usual, the loop stops after it.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &saved_);
    fd_ = signalfd(-1, &set_, SFD_NONBLOCK | SFD_CLOEXEC);
  }
  ~StopSignals() {
    (void)requested();  // a signal read here is not delivered again on unblocking
    if (fd_ >= 0) close(fd_);
    pthread_sigmask(SIG_SETMASK, &saved_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  bool requested() {
    signalfd_siginfo info;
    while (fd_ >= 0 && read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info))
      requested_ = true;
    return requested_;
  }

 private:
  sigset_t set_{}, saved_{};
  int fd_ = -1;
  bool requested_ = false;
};

}  // namespace scn

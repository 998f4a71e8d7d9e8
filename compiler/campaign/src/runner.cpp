#include "scn/campaign/runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <fstream>
#include <iostream>
#include <thread>

namespace scn::campaign {

namespace {

using Clock = std::chrono::steady_clock;

constexpr char kOpened = 'R';
constexpr char kNotOpened = 'E';
constexpr char kGo = 'G';
constexpr double kReadySeconds = 30;  // compiling is done: opening a run only binds
constexpr auto kPeerGrace = std::chrono::seconds(2);

std::string iso_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void append_log(const std::string& file, const std::string& line) {
  if (file.empty()) return;
  std::ofstream(file, std::ios::app) << line << "\n";
}

// In the forked child: never returns.
[[noreturn]] void child_main(const Job& job, int ready_fd, int go_fd) {
  const int out = open(job.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out >= 0) {
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    close(out);
  }
  int status = 3;
  try {
    status = job.run(ChildSignals(ready_fd, go_fd));
  } catch (const std::exception& e) {
    std::cout << "ERROR: internal error: " << e.what() << std::endl;
  } catch (...) {
    std::cout << "ERROR: internal error" << std::endl;
  }
  std::cout.flush();
  std::fflush(nullptr);
  _exit(status);
}

// A peer command in a process group of its own, its output appended to the log; it gets
// SIGTERM should this process die first.
pid_t start_peer(const std::string& command, const std::string& log) {
  const pid_t pid = fork();
  if (pid != 0) {
    if (pid > 0) setpgid(pid, pid);
    return pid;
  }
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  const int in = open("/dev/null", O_RDONLY);
  const int out = log.empty() ? open("/dev/null", O_WRONLY)
                              : open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (in >= 0) dup2(in, STDIN_FILENO);
  if (out >= 0) {
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
  }
  execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
  _exit(127);
}

void stop_peers(const std::vector<pid_t>& peers, const std::string& log) {
  for (pid_t pid : peers) kill(-pid, SIGTERM);
  const auto deadline = Clock::now() + kPeerGrace;
  for (pid_t pid : peers) {
    int status = 0;
    pid_t done = 0;
    while ((done = waitpid(pid, &status, WNOHANG)) == 0 && Clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (done == 0) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      append_log(log, "scn test: peer " + std::to_string(pid) + " killed after 2 s");
    } else if (done == pid && WIFEXITED(status)) {
      append_log(log, "scn test: peer " + std::to_string(pid) + " exited with status " +
                          std::to_string(WEXITSTATUS(status)));
    }
  }
}

// 'R', 'E', or 0 when the child closed the pipe or took too long.
char wait_byte(int fd, double seconds) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(seconds * 1000)) <= 0) return 0;
  char byte = 0;
  return read(fd, &byte, 1) == 1 ? byte : 0;
}

struct Running {
  std::size_t index = 0;
  pid_t pid = -1;
  std::vector<pid_t> peers;
  Clock::time_point start;
  std::string started;
};

// Forks the child, waits until its run is open, starts the peers, lets it go.
Running start(const Job& job, std::size_t index) {
  Running r{index, -1, {}, Clock::now(), iso_now()};
  int ready[2], go[2];
  if (pipe2(ready, O_CLOEXEC) != 0) return r;
  if (pipe2(go, O_CLOEXEC) != 0) {
    close(ready[0]);
    close(ready[1]);
    return r;
  }
  std::cout.flush();
  std::fflush(nullptr);
  r.pid = fork();
  if (r.pid == 0) {
    close(ready[0]);
    close(go[1]);
    child_main(job, ready[1], go[0]);
  }
  close(ready[1]);
  close(go[0]);
  if (r.pid > 0 && wait_byte(ready[0], kReadySeconds) == kOpened) {
    for (const std::string& command : job.peers) r.peers.push_back(start_peer(command, job.peers_log));
    if (!job.peers.empty())
      std::this_thread::sleep_for(std::chrono::duration<double>(job.settle_seconds));
    const char byte = kGo;
    [[maybe_unused]] ssize_t n = write(go[1], &byte, 1);
  }
  close(ready[0]);
  close(go[1]);
  r.start = Clock::now();
  return r;
}

CaseResult finish(const Job& job, const Running& r, int status, bool timed_out,
                  double timeout_seconds) {
  CaseResult result{job.ref, Outcome::error, {}, seconds_since(r.start), job.dir, r.started};
  if (r.pid < 0) {
    result.line = "ERROR: cannot start a process for the test case";
  } else if (timed_out) {
    result.line = "ERROR: no verdict within " + std::to_string(static_cast<int>(timeout_seconds)) +
                  " s: the run was stopped";
  } else if (WIFSIGNALED(status)) {
    result.line = "ERROR: the run crashed (signal " + std::to_string(WTERMSIG(status)) + ")";
  } else {
    result.outcome = outcome_of_exit(WEXITSTATUS(status));
    result.line = last_line(job.stdout_file);
    if (result.line.empty()) result.line = "ERROR: the run printed no verdict";
  }
  return result;
}

bool clashes(const Job& job, const std::vector<Running>& running, const std::vector<Job>& jobs) {
  for (const Running& r : running)
    for (const std::string& a : jobs[r.index].addresses)
      if (std::find(job.addresses.begin(), job.addresses.end(), a) != job.addresses.end())
        return true;
  return false;
}

}  // namespace

void ChildSignals::ready(bool opened) const {
  const char byte = opened ? kOpened : kNotOpened;
  [[maybe_unused]] ssize_t n = write(ready_, &byte, 1);
  close(ready_);
  if (opened) wait_byte(go_, 3600);
  close(go_);
}

std::string last_line(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line, last;
  while (std::getline(in, line)) {
    std::string plain;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\033') {  // CSI ... final byte
        while (i < line.size() && !(line[i] >= '@' && line[i] <= '~' && line[i] != '[')) ++i;
        continue;
      }
      if (line[i] != '\r') plain.push_back(line[i]);
    }
    if (!plain.empty()) last = plain;
  }
  return last;
}

std::vector<CaseResult> run_jobs(const std::vector<Job>& jobs, const RunnerOptions& options) {
  std::vector<CaseResult> results(jobs.size());
  std::deque<std::size_t> pending;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (jobs[i].skip.empty()) {
      pending.push_back(i);
      continue;
    }
    results[i] = {jobs[i].ref, Outcome::skipped, "SKIPPED: " + jobs[i].skip, 0, jobs[i].dir, iso_now()};
    if (options.done) options.done(jobs[i], results[i]);
  }
  std::vector<Running> running;
  const unsigned width = std::max(1u, options.jobs);
  while (!pending.empty() || !running.empty()) {
    for (auto it = pending.begin(); it != pending.end() && running.size() < width;) {
      if (clashes(jobs[*it], running, jobs)) {
        ++it;
        continue;
      }
      running.push_back(start(jobs[*it], *it));
      it = pending.erase(it);
    }
    for (auto it = running.begin(); it != running.end();) {
      int status = 0;
      const bool timed_out = it->pid > 0 && seconds_since(it->start) > options.case_timeout_seconds;
      if (timed_out) kill(it->pid, SIGKILL);
      const pid_t done = it->pid > 0 ? waitpid(it->pid, &status, timed_out ? 0 : WNOHANG) : it->pid;
      if (done == 0) {
        ++it;
        continue;
      }
      stop_peers(it->peers, jobs[it->index].peers_log);
      const Job& job = jobs[it->index];
      results[it->index] = finish(job, *it, status, timed_out, options.case_timeout_seconds);
      if (options.done) options.done(job, results[it->index]);
      it = running.erase(it);
    }
    if (!running.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return results;
}

}  // namespace scn::campaign

// Runs the test cases of a campaign, each in a child process of its own (a crash or a
// hang of one test case cannot take the others with it, and no state leaks from one
// run into the next), up to `jobs` at a time when their addresses do not clash.
//
// A child opens its run (binds its addresses), says so on a pipe, and waits for the
// go: meanwhile the parent starts the test case's peers (a SIPp UE, a real UE), gives
// them `settle_seconds`, then lets the run begin. When the child ends the peers are
// stopped (SIGTERM to their process group, SIGKILL after 2 s).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scn/campaign/results.h"

namespace scn::campaign {

// The child side of the handshake.
class ChildSignals {
 public:
  ChildSignals(int ready_fd, int go_fd) : ready_(ready_fd), go_(go_fd) {}
  // The run is open (true) or could not open (false: no peers are started); then
  // waits for the parent's go.
  void ready(bool opened) const;

 private:
  int ready_, go_;
};

struct Job {
  CaseRef ref;
  std::string dir;                     // the test case's report folder
  std::string stdout_file;             // the child's stdout and stderr
  std::string peers_log;               // the peers' stdout and stderr
  std::vector<std::string> addresses;  // two jobs sharing one never run at once
  std::vector<std::string> peers;      // shell commands, placeholders filled
  double settle_seconds = 0.3;
  std::string skip;                    // non-empty: not run, the reason
  // In the child: the run; returns its exit status (0 pass, 1 fail, 2 inconc, 3 error).
  std::function<int(const ChildSignals&)> run;
};

struct RunnerOptions {
  unsigned jobs = 1;
  double case_timeout_seconds = 900;
  // Called in the parent as each test case ends, in the order they end.
  std::function<void(const Job&, const CaseResult&)> done;
};

// Results in the order of `jobs`.
std::vector<CaseResult> run_jobs(const std::vector<Job>& jobs, const RunnerOptions& options);

// The last non-empty line of a file with terminal styling removed, "" when none.
std::string last_line(const std::string& file);

}  // namespace scn::campaign

// A run taken apart (scn_rt_open / scn_rt_call / scn_rt_finish / scn_rt_close): the
// session owns the run options and the executor that refers to them. scn_rt_run and
// scn_rt_main are one session opened, called once, finished and closed.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "executor/executor.h"

namespace scn {

class Session {
public:
  // Checks the program and the test case the options select, applies --set, binds the
  // SS and prints the banner; or says which of that failed, having written the reports
  // the options ask for with that error as verdict.
  static Result<std::unique_ptr<Session>> open(RunOptions options, const scn_program& program);
  // A load instance: options shared by every instance (report paths not checked: an
  // instance writes none), and its own hooks.
  static Result<std::unique_ptr<Session>> open(std::shared_ptr<const RunOptions> options,
                                               InstanceHooks hooks, const scn_program& program);

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs an entry on the session; after finish() nothing runs (SCN_STOP).
  int call(int (*entry)(scn_rt*), bool adhoc);
  // End checks, verdict line, linger, reports; the exit code. Later calls only repeat
  // the exit code.
  int finish();

  Executor& executor() { return executor_; }
  const scn_testcase& testcase() const { return testcase_; }

private:
  Session(std::shared_ptr<const RunOptions> options, InstanceHooks hooks,
          const scn_program& program, const scn_testcase& testcase);
  // The test case the options select; an error (its reports written) when none.
  static Result<const scn_testcase*> chosen(const RunOptions& options, const scn_program& program);
  // Settings applied, parties bound, banner printed, unless `ready` is already an error.
  static Result<std::unique_ptr<Session>> start(std::shared_ptr<const RunOptions> options,
                                                InstanceHooks hooks, const scn_program& program,
                                                const scn_testcase& testcase, Result<void> ready);
  // Gives the error verdict, writes the reports; the error, plus a report's problem.
  Error not_started(Error error);

  // Before executor_, which keeps references to them. Shared by a load run's instances.
  std::shared_ptr<const RunOptions> options_;
  InstanceHooks hooks_;
  const scn_testcase& testcase_;
  Executor executor_;
  std::optional<int> exit_code_;  // set once finished
};

// One line on stdout, flushed at once.
void print_line(const std::string& line);
// "ERROR: reason" as the last line of a run that could not start or end; returns 3.
int print_error_line(const std::string& reason);

}  // namespace scn

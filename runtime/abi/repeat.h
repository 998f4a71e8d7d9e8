// A long-running SS (--repeat): the test case run again and again on the same addresses,
// each run a session of its own (a new call: nothing learnt carries over), then a summary.
#pragma once

#include <string>

#include "options/options.h"

namespace scn {

// Runs options.repeat sessions in a row (0: until SIGINT or SIGTERM, which end the run
// in progress normally and then the loop). Each run's report files are numbered
// (numbered_file); the last stdout line is the summary ("runs: 3, 2 passed, 1 failed,
// 0 inconc, 0 error, 12 from no party ignored"); the exit code is the worst verdict's.
int run_repeated(const RunOptions& options, const scn_program& program);

// "trace.txt" -> "trace.3.txt", "out/run" -> "out/run.3", "" stays "": run N's report.
std::string numbered_file(const std::string& path, unsigned run);

}  // namespace scn

// Load mode (--load, docs/load.md): many instances of the test case at once in one
// process, each a session of its own on a channel of one shared socket, with statistics.
#pragma once

#include "options/options.h"

namespace scn {

// Runs instances until options.load.calls have started or options.load.duration_ms has
// passed (or SIGINT/SIGTERM), waits for those running, prints the summary lines and
// returns the worst verdict's exit code (0: all passed; 3 when it could not start).
int run_load(const RunOptions& options, const scn_program& program);

}  // namespace scn
